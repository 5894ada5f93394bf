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

/**
 * What each state does to the answer deadline's clock, declared once: "runs" while the answer is
 * being worked on, "paused" while the PAKN waits for the citizen (returned to them for more), and
 * "stopped" once the answer is drafted or the PAKN is closed.
 */
const CLOCK: Record<PaknStatus, "runs" | "paused" | "stopped"> = {
  received: "runs",
  classified: "runs",
  assigned: "runs",
  in_progress: "runs",
  transferred: "runs",
  returned: "paused",
  answered: "stopped",
  approved: "stopped",
  published: "stopped",
  rejected: "stopped",
  merged: "stopped",
  out_of_scope: "stopped",
};

/** Whether `to` can be reached from `from` in one or more moves without passing through a state of `avoid`. */
function reaches(from: PaknStatus, to: PaknStatus, avoid: readonly PaknStatus[] = []): boolean {
  const seen = new Set<PaknStatus>([from]);
  const queue: PaknStatus[] = [from];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const next of TRANSITIONS[s]) {
      if (next === to) return true;
      if (seen.has(next) || avoid.includes(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return false;
}

/** States that end a PAKN's life: nothing moves it again. */
export const FINAL_STATUSES: readonly PaknStatus[] = PAKN_STATUSES.filter((s) => TRANSITIONS[s].length === 0);

/**
 * States in which a PAKN still waits for its answer (its deadline matters): those from which a
 * move to "answered" is still ahead — received up to, not including, answered.
 */
export const AWAITING_ANSWER: readonly PaknStatus[] = PAKN_STATUSES.filter(
  (s) => s !== "answered" && reaches(s, "answered"),
);

/** States whose answer deadline clock does not run (the PAKN waits for the citizen). */
export const PAUSED_STATUSES: readonly PaknStatus[] = PAKN_STATUSES.filter((s) => CLOCK[s] === "paused");

/** States whose answer deadline clock runs (waiting for the answer, not for the citizen). */
export const RUNNING_STATUSES: readonly PaknStatus[] = PAKN_STATUSES.filter((s) => CLOCK[s] === "runs");

/**
 * States in which no agency holds the PAKN yet (triage): waiting for an answer, but only through
 * an assignment — received, classified, or transferred away.
 */
export const AWAITING_AGENCY: readonly PaknStatus[] = AWAITING_ANSWER.filter(
  (s) => s !== "assigned" && !reaches(s, "answered", ["assigned"]),
);

/** States of a drafted answer on its way to the public: neither awaiting an answer nor final. */
export const ANSWER_IN_REVIEW: readonly PaknStatus[] = PAKN_STATUSES.filter(
  (s) => !AWAITING_ANSWER.includes(s) && !FINAL_STATUSES.includes(s),
);

/**
 * States in which the PAKN has its answer (drafted, approved or published): "answered" and what
 * follows it without the answer being reopened.
 */
export const ANSWERED_STATUSES: readonly PaknStatus[] = PAKN_STATUSES.filter(
  (s) => s === "answered" || (!AWAITING_ANSWER.includes(s) && reaches("answered", s, AWAITING_ANSWER)),
);

/** Whether the answer deadline's clock is paused in this state (a string from the database is welcome). */
export function isPaused(status: string): boolean {
  return (PAUSED_STATUSES as readonly string[]).includes(status);
}

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
