// Web chat client: no framework, no build step; every server string is inserted as text.
(() => {
  const log = document.getElementById("log");
  const form = document.getElementById("ask");
  const input = document.getElementById("text");
  const status = document.getElementById("status");
  const URL_RE = /(https?:\/\/[^\s<>"]+)/g;
  let busy = false;

  function appendText(el, text) {
    const parts = text.split(URL_RE);
    parts.forEach((part, i) => {
      if (i % 2 === 1) {
        const a = document.createElement("a");
        a.href = part;
        a.textContent = part;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        el.appendChild(a);
      } else if (part) {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  function addMessage(who, text, buttons) {
    const li = document.createElement("li");
    li.className = `msg ${who}`;
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    appendText(bubble, text);
    if (buttons?.length) {
      const row = document.createElement("div");
      row.className = "buttons";
      row.setAttribute("role", "group");
      row.setAttribute("aria-label", "Lựa chọn");
      for (const b of buttons) {
        const btn = document.createElement("button");
        btn.type = "button";
        btn.textContent = b.label;
        btn.addEventListener("click", () => send({ payload: b.payload }, b.label));
        row.appendChild(btn);
      }
      bubble.appendChild(row);
    }
    li.appendChild(bubble);
    log.appendChild(li);
    li.scrollIntoView({ block: "end", behavior: "smooth" });
  }

  async function send(body, shown) {
    if (busy) return;
    busy = true;
    addMessage("user", shown);
    status.textContent = "Đang trả lời…";
    try {
      const res = await fetch("/api/chat/messages", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
      const data = await res.json().catch(() => ({}));
      // A refusal may come as replies too (429: too many messages from this network).
      if (Array.isArray(data.replies)) {
        for (const r of data.replies) addMessage("bot", r.text, r.buttons);
      } else if (!res.ok) {
        addMessage("bot", data.error?.message || "Xin lỗi, hệ thống đang bận, bạn vui lòng thử lại.");
      }
    } catch {
      addMessage("bot", "Không kết nối được máy chủ. Bạn kiểm tra mạng rồi thử lại nhé.");
    } finally {
      status.textContent = "";
      busy = false;
      input.focus();
    }
  }

  // News about the citizen's complaints (status changes, answers) waits on the server; look now and then.
  async function collectUpdates() {
    if (document.hidden) return;
    try {
      const res = await fetch("/api/chat/updates", { credentials: "same-origin", cache: "no-store" });
      const data = await res.json().catch(() => ({}));
      for (const r of data.replies || []) addMessage("bot", r.text, r.buttons);
    } catch {
      // Offline for a moment: the next look gets them.
    }
  }
  setInterval(collectUpdates, 30_000);
  document.addEventListener("visibilitychange", collectUpdates);

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    send({ text }, text);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
})();
