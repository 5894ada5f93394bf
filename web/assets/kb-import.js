// Keeps the knowledge-base import's progress bar current by polling its JSON endpoint; reloads the
// page once the import has finished so the server-rendered summary shows. Without JavaScript the
// page refreshes itself instead (a <noscript> meta refresh).
(() => {
  const box = document.getElementById("kb-import");
  if (!box || box.dataset.running !== "1") return;
  const bar = document.getElementById("kb-progress");
  const text = document.getElementById("kb-progress-text");
  const url = box.dataset.statusUrl;
  const poll = async () => {
    try {
      const res = await fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin" });
      if (res.ok) {
        const job = await res.json();
        bar.value = job.percent;
        bar.textContent = `${job.percent}%`;
        text.textContent = `${job.percent}% · ${job.lines} dòng đã đọc`;
        if (job.stage === "done" || job.stage === "failed") {
          window.location.reload();
          return;
        }
      }
    } catch {
      // A network blip: try again on the next tick.
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 500);
})();
