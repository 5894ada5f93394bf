import { isPaused, RUNNING_STATUSES } from "../lifecycle.js";
import type { PaknRow } from "../pakn-repo.js";
import type { WorkingCalendar } from "../working-calendar.js";

/** How an item stands against its answer deadline, as the inbox marks it. */
export type DeadlineMark = "overdue" | "due_soon" | "paused" | null;

/** Working days left at which an open item counts as due soon (due today included). */
export const DUE_SOON_WORKING_DAYS = 2;

/** The officer-facing words for each mark: badges carry text, never only a colour. */
export const MARK_LABELS: Record<Exclude<DeadlineMark, null>, string> = {
  overdue: "Quá hạn",
  due_soon: "Sắp đến hạn",
  paused: "Tạm dừng (chờ người dân)",
};

/** The last instant an answer due date still counts as due soon: the end of the 2nd working day after today. */
export function dueSoonLimit(calendar: WorkingCalendar, now: Date): Date {
  return calendar.addWorkingDays(now, DUE_SOON_WORKING_DAYS);
}

/** Whether the item still waits for its answer and its clock is running. */
export function clockRunning(status: string): boolean {
  return (RUNNING_STATUSES as readonly string[]).includes(status);
}

/** The mark of one item at `now`: paused while returned, overdue past its due date, due soon within two working days. */
export function deadlineMark(
  calendar: WorkingCalendar,
  now: Date,
  row: Pick<PaknRow, "status" | "answerDueAt">,
): DeadlineMark {
  if (isPaused(row.status)) return "paused";
  if (!clockRunning(row.status)) return null;
  const due = row.answerDueAt.getTime();
  if (due < now.getTime()) return "overdue";
  if (due <= dueSoonLimit(calendar, now).getTime()) return "due_soon";
  return null;
}

/** Working days left until the answer is due (0 on the due day, negative once overdue). */
export function workingDaysLeft(calendar: WorkingCalendar, now: Date, answerDueAt: Date): number {
  return calendar.workingDaysBetween(now, answerDueAt);
}

/** Whether the item was (or, still open, now is) past its answer deadline; null when it never had to be answered. */
export function wasLate(
  row: Pick<PaknRow, "status" | "answerDueAt" | "answeredAt">,
  now: Date,
): boolean | null {
  if (row.answeredAt) return row.answeredAt.getTime() > row.answerDueAt.getTime();
  if (clockRunning(row.status)) return now.getTime() > row.answerDueAt.getTime();
  if (isPaused(row.status)) return false;
  return null;
}
