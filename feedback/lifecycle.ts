import { AppError } from "../lib/errors.js";

/** Every state a PAKN can be in. */
export const PAKN_STATUSES = [
  "received",
  "classified",
  "assigned",
  "in_progress",
  "transferred",
  "returned",
  "answered",
  "approved",
  "published",
  "rejected",
  "merged",
  "out_of_scope",
] as const;

/** A PAKN's state. */
export type PaknStatus = (typeof PAKN_STATUSES)[number];

/**
 * The allowed moves, and only these: the officer console, the workers and the bot all go through
 * `assertTransition`, so no path can skip approval or reopen a closed item.
 */
const TRANSITIONS: Record<PaknStatus, readonly PaknStatus[]> = {
  received: ["classified", "assigned", "rejected", "merged", "out_of_scope"],
  classified: ["assigned", "transferred", "rejected", "merged", "out_of_scope"],
  assigned: ["in_progress", "transferred", "returned", "answered", "rejected", "merged", "out_of_scope"],
  in_progress: ["answered", "transferred", "returned", "rejected", "merged"],
  // Forwarded to another agency: that agency takes it (assigned) or the coordinator routes again.
  transferred: ["assigned", "classified", "rejected", "out_of_scope"],
  // Waiting for the citizen: resumes when they answer, or is closed when they never do.
  returned: ["in_progress", "assigned", "rejected"],
  // A leader approves the draft answer or sends it back.
  answered: ["approved", "in_progress"],
  approved: ["published"],
  published: [],
  rejected: [],
  merged: [],
  out_of_scope: [],
};

/** States that end a PAKN's life: nothing moves it again. */
export const FINAL_STATUSES: readonly PaknStatus[] = PAKN_STATUSES.filter((s) => TRANSITIONS[s].length === 0);

/** States in which a PAKN still waits for its answer (its deadline matters): received up to, not including, answered. */
export const AWAITING_ANSWER: readonly PaknStatus[] = [
  "received",
  "classified",
  "assigned",
  "in_progress",
  "transferred",
  "returned",
];

/** States whose answer deadline clock does not run. */
export const PAUSED_STATUSES: readonly PaknStatus[] = ["returned"];

/** Transitions that must say why (the citizen and the public are told the reason). */
const NEEDS_REASON: ReadonlySet<PaknStatus> = new Set([
  "transferred",
  "returned",
  "rejected",
  "merged",
  "out_of_scope",
]);

/** Whether `from` may move to `to`. */
export function canTransition(from: PaknStatus, to: PaknStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The states a PAKN may be in to move to `to` (what a single-statement transition checks). */
export function statusesLeadingTo(to: PaknStatus): PaknStatus[] {
  return PAKN_STATUSES.filter((from) => TRANSITIONS[from].includes(to));
}

/** The states reachable from `from` in one step (for the console's action buttons). */
export function nextStatuses(from: PaknStatus): readonly PaknStatus[] {
  return TRANSITIONS[from];
}

/** Whether a string is a known PAKN state. */
export function isPaknStatus(value: string): value is PaknStatus {
  return (PAKN_STATUSES as readonly string[]).includes(value);
}

/** Refuses an illegal move, or one that needs a reason and has none, with a `conflict` error. */
export function assertTransition(from: PaknStatus, to: PaknStatus, note?: string | null): void {
  if (!canTransition(from, to)) {
    throw new AppError("conflict", `a PAKN cannot go from ${from} to ${to}`, { from, to });
  }
  if (NEEDS_REASON.has(to) && !note?.trim()) {
    throw new AppError("bad_request", `moving a PAKN to ${to} needs a reason`, { from, to });
  }
}
