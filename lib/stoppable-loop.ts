/** A loop started by `startLoop`: `stop()` ends it once the round in progress is over. */
export interface StoppableLoop {
  stop(): Promise<void>;
  /** Whether `stop()` was called (a long round may check it between steps). */
  readonly stopped: boolean;
}

/**
 * Runs `round` again and again until stopped, pausing `intervalMs` after each round that returns
 * `"pause"` (a round with more work waiting goes on at once); `stop()` cuts a pause short, so a
 * shutdown never waits out an interval.
 */
export function startLoop(round: () => Promise<"pause" | "again">, intervalMs: number): StoppableLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      const next = await round();
      if (next === "pause" && !stopped) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, intervalMs);
        });
      }
    }
  })();
  return {
    get stopped() {
      return stopped;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}
