import type { Logger } from "pino";
import { type DeadlineScanDeps, scanDeadlines } from "../feedback/deadline-scan.js";

/** Runs the scan every `intervalMs` (default one minute); `stop()` waits for a scan in progress. */
export function startDeadlineScan(
  deps: DeadlineScanDeps & { logger: Logger },
  options: { intervalMs?: number } = {},
): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let first = true;
  const tick = () => {
    // The first scan of a process looks at every open PAKN (the calendar may have been edited).
    running = scanDeadlines(deps, { all: first })
      .then((r) => {
        if (r.reminders || r.dueDatesMoved) deps.logger.info(r, "deadline scan");
      })
      .then(() => {
        first = false;
      })
      .catch((err) => deps.logger.warn({ err }, "deadline scan failed; next minute tries again"));
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
