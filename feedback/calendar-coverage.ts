import { addCalendarDays, toLocalDate, type WorkingCalendar } from "./working-calendar.js";

/**
 * How many days from 1 January a year's calendar must name a day in to count as entered: New Year's
 * Day and Tết always fall in this window, so a year with nothing in it has not been entered.
 */
export const CALENDAR_ENTRY_WINDOW_DAYS = 60;

/** The years (current, next) whose holidays have not been entered, by the local year of `now`. */
export interface CalendarGap {
  /** The local year in Viet Nam of the clock the check was made with. */
  currentYear: number;
  /** The current and/or next year, oldest first, that name no day near their start. */
  missingYears: number[];
}

/**
 * Finds whether the holiday calendar lacks the current or the next year (no named day off or
 * worked day within the first 60 days of it), so admins are told to enter it before deadlines
 * silently start counting holidays as working days. Pure: `now` comes from the caller's clock.
 */
export function calendarGap(calendar: WorkingCalendar, now: Date): CalendarGap {
  const currentYear = Number(toLocalDate(now).slice(0, 4));
  const missingYears = [currentYear, currentYear + 1].filter((year) => {
    const first = `${String(year).padStart(4, "0")}-01-01`;
    for (let i = 0; i < CALENDAR_ENTRY_WINDOW_DAYS; i++) {
      if (calendar.dayName(addCalendarDays(first, i)) !== undefined) return false;
    }
    return true;
  });
  return { currentYear, missingYears };
}

/** The admin's warning, in Vietnamese, when the calendar lacks a year; undefined when it is complete. */
export function calendarGapNotice(gap: CalendarGap): string | undefined {
  if (gap.missingYears.length === 0) return undefined;
  const years = gap.missingYears.join(" và ");
  return `Lịch ngày nghỉ lễ chưa có năm ${years}: hạn xử lý phản ánh, kiến nghị trong năm đó sẽ tính cả ngày lễ, Tết là ngày làm việc. Hãy nhập lịch nghỉ của năm ${years} vào tệp holidays-vn.json.`;
}
