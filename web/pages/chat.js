// Web chat client: no framework, no build step; every server string is inserted as text.
// The conversation lives on the server (the cookie names it): nothing personal is kept in the browser.
(() => {
  const log = document.getElementById("log");
  const form = document.getElementById("ask");
  const input = document.getElementById("text");
  const status = document.getElementById("status");
  const count = document.getElementById("count");
  const photo = document.getElementById("photo");
  const MAX_CHARS = Number(form.dataset.maxChars) || 1000;
  const MAX_PHOTO_BYTES = Number(form.dataset.maxPhotoBytes) || 5 * 1024 * 1024;
  const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
  const POLL_MS = 4000;
  const URL_RE = /(https?:\/\/[^\s<>"]+)/g;
  const number = (n) => n.toLocaleString("vi-VN");
  let busy = false;
  let active = false;
  let pollTimer;

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

  // What is visible above the input bar.
  function visibleHeight() {
    return window.innerHeight - form.getBoundingClientRect().height - 24;
  }

  // The height one page of an answer may take: the visible area less its controls, never under half of it.
  function pageBudget(reserve) {
    const visible = visibleHeight();
    return Math.max(160, visible / 2, visible - reserve);
  }

  // Splits a text into pages that each fit `budget` pixels in `probe`, at line breaks (words if a line is longer).
  function paginate(probe, text, budget) {
    const fits = (candidate) => {
      probe.textContent = candidate;
      return probe.scrollHeight <= budget;
    };
    if (fits(text)) return [text];
    const pages = [];
    let current = "";
    const push = () => {
      if (current) pages.push(current);
      current = "";
    };
    for (const line of text.split("\n")) {
      const joined = current ? `${current}\n${line}` : line;
      if (fits(joined)) {
        current = joined;
        continue;
      }
      push();
      if (fits(line)) {
        current = line;
        continue;
      }
      for (const word of line.split(" ")) {
        const longer = current ? `${current} ${word}` : word;
        if (fits(longer) || !current) current = longer;
        else {
          push();
          current = word;
        }
      }
    }
    push();
    return pages;
  }

  function buttonRow(buttons) {
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
    return row;
  }

  // A long list of choices shows the first rows and a control for the rest, so an answer's start and
  // its choices fit on one screen.
  function foldButtons(row) {
    const limit = visibleHeight() * 0.3;
    const all = [...row.children];
    if (row.offsetHeight <= limit || all.length < 4) return;
    const more = document.createElement("button");
    more.type = "button";
    more.className = "other";
    row.appendChild(more);
    const show = (n) => {
      all.forEach((b, i) => {
        b.hidden = i >= n;
      });
      more.textContent = `Lựa chọn khác (${all.length - n})`;
    };
    let keep = all.length;
    do show(--keep);
    while (keep > 2 && row.offsetHeight > limit);
    more.addEventListener("click", () => {
      for (const b of all) b.hidden = false;
      more.remove();
    });
  }

  // One message; a long bot message shows its first screen and a "Xem tiếp" control for the next.
  function addMessage(who, text, buttons) {
    const li = document.createElement("li");
    li.className = `msg ${who}`;
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    const body = document.createElement("div");
    body.className = "text";
    bubble.appendChild(body);
    li.appendChild(bubble);
    log.appendChild(li);
    const row = buttons?.length ? buttonRow(buttons) : null;
    if (row) {
      bubble.appendChild(row);
      foldButtons(row);
    }
    const pages = who === "bot" ? paginate(body, text, pageBudget((row?.offsetHeight ?? 0) + 80)) : [text];
    body.textContent = "";
    const showPart = (i) => {
      const part = document.createElement("div");
      part.className = "part";
      appendText(part, pages[i]);
      body.appendChild(part);
      return part;
    };
    showPart(0);
    if (pages.length > 1) {
      let shown = 1;
      const more = document.createElement("div");
      more.className = "more";
      const next = document.createElement("button");
      next.type = "button";
      next.textContent = "Xem tiếp";
      const where = document.createElement("span");
      where.className = "where";
      where.textContent = `Phần 1/${pages.length}`;
      next.addEventListener("click", () => {
        const part = showPart(shown++);
        where.textContent = `Phần ${shown}/${pages.length}`;
        if (shown >= pages.length) more.remove();
        part.scrollIntoView({ block: "start" });
        part.setAttribute("tabindex", "-1");
        part.focus({ preventScroll: true });
      });
      more.append(next, where);
      bubble.insertBefore(more, row);
    }
    return li;
  }

  // A turn's replies: messages without buttons run on into the next one (an answer split for other channels).
  function addReplies(replies) {
    const shown = [];
    let pending = "";
    replies.forEach((r, i) => {
      const text = pending ? `${pending}\n\n${r.text}` : r.text;
      if (!r.buttons?.length && i < replies.length - 1) pending = text;
      else {
        pending = "";
        shown.push(addMessage("bot", text, r.buttons));
      }
    });
    return shown;
  }

  // The start of a new answer goes to the top of the screen, so its beginning is read first.
  function showStart(li) {
    if (li) li.scrollIntoView({ block: "start" });
  }

  function say(text) {
    showStart(addMessage("bot", text));
  }

  async function post(url, body, headers) {
    const res = await fetch(url, { method: "POST", headers, body, credentials: "same-origin" });
    const data = await res.json().catch(() => ({}));
    return { res, data };
  }

  // Sends a message or a photo; the typed text goes back into the box if it did not get through.
  async function deliver(request, shown, typed) {
    if (busy) return false;
    busy = true;
    addMessage("user", shown);
    status.textContent = "Đang trả lời…";
    let delivered = false;
    try {
      const { res, data } = await request();
      delivered = res.ok;
      // A refusal may come as replies too (429: too many messages from this network; a photo refused).
      if (Array.isArray(data.replies)) showStart(addReplies(data.replies)[0]);
      else if (res.status === 413)
        say(`Ảnh lớn quá, tôi chỉ nhận ảnh đến ${number(MAX_PHOTO_BYTES / 1048576)} MB.`);
      else if (!res.ok) say(data.error?.message || "Xin lỗi, hệ thống đang bận, bạn vui lòng thử lại.");
    } catch {
      say("Không kết nối được máy chủ. Bạn kiểm tra mạng rồi thử lại nhé.");
    } finally {
      status.textContent = "";
      busy = false;
    }
    if (delivered) startPolling();
    else if (typed && !input.value) {
      input.value = typed;
      updateCount();
    }
    input.focus({ preventScroll: true });
    return delivered;
  }

  function send(body, shown, typed) {
    const json = JSON.stringify(body);
    return deliver(
      () => post("/api/chat/messages", json, { "content-type": "application/json" }),
      shown,
      typed,
    );
  }

  // The limit is shown while typing; past it the message is not sent and the box keeps every character.
  function updateCount() {
    const n = input.value.trim().length;
    const over = n - MAX_CHARS;
    count.classList.toggle("near", n > MAX_CHARS * 0.9 && over <= 0);
    count.classList.toggle("over", over > 0);
    count.textContent =
      over > 0
        ? `${number(n)}/${number(MAX_CHARS)} ký tự: dài quá ${number(over)} ký tự. Bạn vui lòng rút gọn hoặc chia thành nhiều lần gửi.`
        : `${number(n)}/${number(MAX_CHARS)} ký tự`;
    return over <= 0;
  }

  // News about the citizen's complaints (status changes, answers) waits on the server; look every few seconds.
  async function collectUpdates() {
    if (document.hidden || !active) return;
    try {
      const res = await fetch("/api/chat/updates", { credentials: "same-origin", cache: "no-store" });
      const data = await res.json().catch(() => ({}));
      if (data.replies?.length) showStart(addReplies(data.replies)[0]);
    } catch {
      // Offline for a moment: the next look gets them.
    }
  }
  function startPolling() {
    active = true;
    if (!pollTimer) pollTimer = setInterval(collectUpdates, POLL_MS);
  }
  document.addEventListener("visibilitychange", collectUpdates);

  // After a reload: the recent conversation from the server, buttons only under the latest replies.
  async function restore() {
    try {
      const res = await fetch("/api/chat/history", { credentials: "same-origin", cache: "no-store" });
      const data = await res.json().catch(() => ({}));
      const entries = Array.isArray(data.entries) ? data.entries : [];
      let lastUser = -1;
      entries.forEach((e, i) => {
        if (e.who === "user") lastUser = i;
      });
      let latest;
      entries.forEach((e, i) => {
        const li = addMessage(e.who, e.text, i > lastUser ? e.buttons : undefined);
        if (e.who === "bot" && !latest && i > lastUser) latest = li;
      });
      showStart(latest);
      if (data.active || entries.length) startPolling();
    } catch {
      // The page still works without the history.
    }
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    if (!updateCount()) {
      status.textContent = count.textContent;
      input.focus();
      return;
    }
    input.value = "";
    updateCount();
    send({ text }, text, text);
  });
  input.addEventListener("input", () => {
    updateCount();
    if (status.textContent && !busy) status.textContent = "";
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  photo.addEventListener("change", () => {
    const file = photo.files?.[0];
    photo.value = "";
    if (!file || busy) return;
    if (!PHOTO_TYPES.includes(file.type)) {
      say("Tôi chỉ nhận ảnh JPG, PNG hoặc WebP. Bạn chọn ảnh khác nhé.");
      return;
    }
    if (file.size > MAX_PHOTO_BYTES) {
      const mb = (n) => number(Math.round((n / 1048576) * 10) / 10);
      say(
        `Ảnh này nặng ${mb(file.size)} MB, tôi chỉ nhận ảnh đến ${mb(MAX_PHOTO_BYTES)} MB. Bạn chọn ảnh nhỏ hơn nhé.`,
      );
      return;
    }
    deliver(() => post("/api/chat/photos", file, { "content-type": file.type }), "[Ảnh đính kèm]");
  });
  updateCount();
  restore();
})();
