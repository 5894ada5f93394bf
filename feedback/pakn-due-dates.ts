import { computeDeadlines, type DeadlineConfig, type FeedbackKind } from "./deadlines.js";
import { addCalendarDays, startOfLocalDay, toLocalDate, type WorkingCalendar } from "./working-calendar.js";

/** The deadlines a new PAKN is stored with. */
export interface PaknDueDates {
  forwardDueAt: Date;
  answerDueAt: Date;
}

/** Computes a new PAKN's deadlines from its kind and the time it was received. */
export type DueDatesFn = (kind: FeedbackKind, receivedAt: Date) => PaknDueDates;

/** Due dates on the working-day calendar (weekends and the editable holidays do not count). */
export function workingDayDueDates(calendar: WorkingCalendar, config?: DeadlineConfig): DueDatesFn {
  return (kind, receivedAt) => {
    const d = computeDeadlines({ calendar, config }, { kind, receivedAt });
    return { forwardDueAt: d.forwardBy, answerDueAt: d.answerBy };
  };
}

/**
 * When the deadline scan first needs to look at a new PAKN: no reminder point comes before the
 * next working day after receipt, so at the start of the next day in Viet Nam.
 */
export function firstDeadlineCheck(receivedAt: Date): Date {
  return startOfLocalDay(addCalendarDays(toLocalDate(receivedAt), 1));
}
