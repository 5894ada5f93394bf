import type { ClockPause } from "./deadlines.js";

/** A status change as the history records it. */
export interface StatusChange {
  fromStatus: string | null;
  toStatus: string;
  createdAt: Date;
}

/**
 * The intervals a PAKN spent returned to the citizen, read from its history (oldest first): each
 * move into "returned" opens one, the next move out of it closes it; the last may still be open.
 */
export function pausesFromHistory(history: readonly StatusChange[]): ClockPause[] {
  const pauses: ClockPause[] = [];
  let open: ClockPause | undefined;
  for (const change of history) {
    if (change.toStatus === "returned" && !open) {
      open = { from: change.createdAt };
      pauses.push(open);
    } else if (change.fromStatus === "returned" && change.toStatus !== "returned" && open) {
      open.to = change.createdAt;
      open = undefined;
    }
  }
  return pauses;
}
