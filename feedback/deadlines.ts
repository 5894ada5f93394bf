/**
 * PAKN deadlines (NĐ 20/2008/NĐ-CP as amended): forward what is outside the receiving body's
 * authority within 5 working days, answer within a configurable number of working days per kind.
 * The day of receipt never counts; a deadline is the end of its last working day (+07:00). While a
 * PAKN is returned to the citizen the clock stops: the working days after the day it was returned,
 * up to and including the day the citizen replied, do not count (the reply day is treated like a
 * new receipt). Everything here is pure, so a database scan every minute can recompute the status
 * and the reminders due without keeping any state in Redis.
 */
import {
  addCalendarDays,
  endOfLocalDay,
  type LocalDate,
  startOfLocalDay,
  toLocalDate,
  type WorkingCalendar,
} from "./working-calendar.js";

/** The kinds of PAKN the pipeline handles (a question is a citizen question sent to officers). */
export const FEEDBACK_KINDS = ["phan_anh", "kien_nghi", "question"] as const;

/** A PAKN's kind. */
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Deadline rules: working days to answer per kind, to forward, and the hour reminders go out. */
export interface DeadlineConfig {
  answerWorkingDays: Record<FeedbackKind, number>;
  forwardWorkingDays: number;
  /** Local hour (0-23, +07:00) at which a reminder of a given day becomes due; default 8. */
  reminderHour: number;
  /**
   * How far apart two processes' clocks may be (ms): a pause starting or ending up to this much
   * after `now`, or ending up to this much before it starts, is clock skew and is clamped; beyond
   * it the dates are corrupt (RangeError). Default 5 minutes.
   */
  clockSkewMs: number;
}

/** What a province may override; anything left out keeps its default. */
export interface DeadlineConfigInput {
  answerWorkingDays?: Partial<Record<FeedbackKind, number>>;
  forwardWorkingDays?: number;
  reminderHour?: number;
  clockSkewMs?: number;
}

/** The defaults: 10 working days to answer any kind, 5 to forward, reminders at 08:00. */
export const DEFAULT_DEADLINE_CONFIG: DeadlineConfig = Object.freeze({
  answerWorkingDays: Object.freeze({ phan_anh: 10, kien_nghi: 10, question: 10 }),
  forwardWorkingDays: 5,
  reminderHour: 8,
  clockSkewMs: 5 * 60 * 1000,
});

const positiveDays = (value: number, what: string) => {
  if (!Number.isInteger(value) || value < 1 || value > 365) {
    throw new RangeError(`${what} must be a whole number of working days between 1 and 365, got ${value}`);
  }
  return value;
};

/** Merges overrides into the defaults and checks them (RangeError naming the bad value). */
export function resolveDeadlineConfig(input: DeadlineConfigInput = {}): DeadlineConfig {
  const answer = { ...DEFAULT_DEADLINE_CONFIG.answerWorkingDays, ...input.answerWorkingDays };
  for (const kind of FEEDBACK_KINDS) positiveDays(answer[kind], `answerWorkingDays.${kind}`);
  const hour = input.reminderHour ?? DEFAULT_DEADLINE_CONFIG.reminderHour;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new RangeError(`reminderHour must be an hour 0-23, got ${hour}`);
  }
  const skew = input.clockSkewMs ?? DEFAULT_DEADLINE_CONFIG.clockSkewMs;
  if (!Number.isInteger(skew) || skew < 0 || skew > 24 * 60 * 60 * 1000) {
    throw new RangeError(`clockSkewMs must be 0 to one day in milliseconds, got ${skew}`);
  }
  return {
    clockSkewMs: skew,
    answerWorkingDays: answer,
    forwardWorkingDays: positiveDays(
      input.forwardWorkingDays ?? DEFAULT_DEADLINE_CONFIG.forwardWorkingDays,
      "forwardWorkingDays",
    ),
    reminderHour: hour,
  };
}

/** An interval during which the PAKN was returned to the citizen; `to` is absent while it still is. */
export interface ClockPause {
  from: Date;
  to?: Date | null;
}

/** What deadline computations need: the working calendar and the (resolved) rules. */
export interface DeadlineDeps {
  calendar: WorkingCalendar;
  config?: DeadlineConfig;
}

/** One PAKN as the deadline rules see it; `now` is required while a pause is still open. */
export interface DeadlineInput {
  kind: FeedbackKind;
  receivedAt: Date;
  pauses?: readonly ClockPause[];
  now?: Date;
}

/** The reminder points: half and 80% of the answer period used, the due day, the day after it. */
export type ReminderPoint = "half" | "eighty" | "due" | "overdue";

/** A reminder point and the instant it becomes due. */
export interface Reminder {
  point: ReminderPoint;
  at: Date;
}

/** A PAKN's deadlines, shifted by the working days its clock was stopped. */
export interface Deadlines {
  answerWorkingDays: number;
  /** End of the last working day to forward what is outside the receiving body's authority. */
  forwardBy: Date;
  /** End of the last working day to answer; answered on time when answered at or before it. */
  answerBy: Date;
  /** Working days not counted because the PAKN was with the citizen. */
  pausedWorkingDays: number;
  /** Whether the clock is stopped now (a pause without an end): the dates assume it resumes `now`. */
  paused: boolean;
  /** Reminder points in time order (half, eighty, due, overdue). */
  reminders: readonly Reminder[];
}

/** How an open PAKN stands against its answer deadline. */
export type DeadlineStatus = "on_track" | "due_soon" | "due_today" | "overdue";

/** The deadlines plus where `now` stands: the status and the reminder points already due. */
export interface DeadlineState extends Deadlines {
  status: DeadlineStatus;
  forwardOverdue: boolean;
  /** Every reminder point whose time has come; the caller sends those it has not recorded yet. */
  dueReminders: readonly ReminderPoint[];
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * A pause's start and end in ms, with clock skew between the processes that stamped them clamped
 * (nothing after `now`, no end before the start); RangeError when the dates are corrupt.
 */
function pauseBounds(pause: ClockPause, now: Date | undefined, skewMs: number): { from: number; to: number } {
  let from = pause.from.getTime();
  let to = (pause.to ?? now)?.getTime();
  if (to === undefined) throw new RangeError("A pause without an end needs `now` to compute deadlines");
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError("A pause has an invalid date");
  if (now) {
    const nowMs = now.getTime();
    if (from > nowMs + skewMs || to > nowMs + skewMs) throw new RangeError("A pause lies in the future");
    from = Math.min(from, nowMs);
    to = Math.min(to, nowMs);
  }
  if (to < from - skewMs) throw new RangeError("A pause ends before it starts");
  return { from, to: Math.max(from, to) };
}

/** The counting clock of one PAKN: its n-th counted working day, skipping the paused ones. */
function paknClock(calendar: WorkingCalendar, config: DeadlineConfig, input: DeadlineInput) {
  const received = input.receivedAt.getTime();
  if (Number.isNaN(received)) throw new RangeError("receivedAt is an invalid date");
  const receiptDay = toLocalDate(input.receivedAt);
  const paused = new Set<LocalDate>();
  let open = false;
  for (const pause of input.pauses ?? []) {
    if (!pause.to) open = true;
    const bounds = pauseBounds(pause, input.now, config.clockSkewMs);
    const fromDay = toLocalDate(new Date(Math.max(bounds.from, received)));
    const toDay = toLocalDate(new Date(bounds.to));
    for (let day = addCalendarDays(fromDay, 1); day <= toDay; day = addCalendarDays(day, 1)) {
      if (calendar.isWorkingDay(day)) paused.add(day);
    }
  }
  const dayAt = (n: number): LocalDate => {
    let day = receiptDay;
    for (let counted = 0; counted < n; ) {
      day = addCalendarDays(day, 1);
      if (calendar.isWorkingDay(day) && !paused.has(day)) counted += 1;
    }
    return day;
  };
  return { dayAt, pausedWorkingDays: paused.size, open };
}

/** Computes the forwarding and answer deadlines and the reminder points of one PAKN. */
export function computeDeadlines(deps: DeadlineDeps, input: DeadlineInput): Deadlines {
  const config = deps.config ?? DEFAULT_DEADLINE_CONFIG;
  const n = config.answerWorkingDays[input.kind];
  if (n === undefined) throw new RangeError(`Unknown PAKN kind: ${String(input.kind)}`);
  const clock = paknClock(deps.calendar, config, input);
  const answerDay = clock.dayAt(n);
  const answerBy = endOfLocalDay(answerDay);
  const atHour = (day: LocalDate) => new Date(startOfLocalDay(day).getTime() + config.reminderHour * HOUR_MS);
  // "half" is due once half the period has been used: at the start of the next counted day.
  const usedUpTo = (share: number) => clock.dayAt(Math.min(n, Math.floor(n * share + 1e-9) + 1));
  return {
    answerWorkingDays: n,
    forwardBy: endOfLocalDay(clock.dayAt(config.forwardWorkingDays)),
    answerBy,
    pausedWorkingDays: clock.pausedWorkingDays,
    paused: clock.open,
    reminders: [
      { point: "half", at: atHour(usedUpTo(0.5)) },
      { point: "eighty", at: atHour(usedUpTo(0.8)) },
      { point: "due", at: atHour(answerDay) },
      { point: "overdue", at: atHour(addCalendarDays(answerDay, 1)) },
    ],
  };
}

/** Where an open PAKN stands at `now`: on track, due soon (80% used), due today or overdue. */
export function deadlineStatus(deps: DeadlineDeps, input: DeadlineInput & { now: Date }): DeadlineState {
  const deadlines = computeDeadlines(deps, input);
  const now = input.now.getTime();
  const today = toLocalDate(input.now);
  const n = deadlines.answerWorkingDays;
  const config = deps.config ?? DEFAULT_DEADLINE_CONFIG;
  const eightyUsedEnd = endOfLocalDay(
    paknClock(deps.calendar, config, input).dayAt(Math.floor(n * 0.8 + 1e-9)),
  );
  let status: DeadlineStatus = "on_track";
  if (now > deadlines.answerBy.getTime()) status = "overdue";
  else if (today === toLocalDate(deadlines.answerBy)) status = "due_today";
  else if (now > eightyUsedEnd.getTime()) status = "due_soon";
  return {
    ...deadlines,
    status,
    forwardOverdue: now > deadlines.forwardBy.getTime(),
    dueReminders: deadlines.reminders.filter((r) => r.at.getTime() <= now).map((r) => r.point),
  };
}

/** Whether an answered PAKN was answered on time (at or before its shifted answer deadline). */
export function answeredOnTime(deps: DeadlineDeps, input: DeadlineInput & { answeredAt: Date }): boolean {
  const deadlines = computeDeadlines(deps, { ...input, now: input.now ?? input.answeredAt });
  return input.answeredAt.getTime() <= deadlines.answerBy.getTime();
}
