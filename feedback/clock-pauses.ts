import type { ClockPause } from "./deadlines.js";
import { isPaused } from "./lifecycle.js";

/** A status change as the history records it. */
export interface StatusChange {
  fromStatus: string | null;
  toStatus: string;
  createdAt: Date;
}

/**
 * The intervals a PAKN's clock was paused (returned to the citizen), read from its history (oldest
 * first): each move into a paused state opens one, the next move out of the paused states closes
 * it; the last may still be open.
 */
export function pausesFromHistory(history: readonly StatusChange[]): ClockPause[] {
  const pauses: ClockPause[] = [];
  let open: ClockPause | undefined;
  for (const change of history) {
    if (isPaused(change.toStatus) && !open) {
      open = { from: change.createdAt };
      pauses.push(open);
    } else if (
      change.fromStatus !== null &&
      isPaused(change.fromStatus) &&
      !isPaused(change.toStatus) &&
      open
    ) {
      open.to = change.createdAt;
      open = undefined;
    }
  }
  return pauses;
}
