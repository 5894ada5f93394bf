/**
 * The Vietnamese working-day calendar used for PAKN deadlines. Every day is a local date in
 * Viet Nam (UTC+07:00, no daylight saving), whatever the machine's time zone: instants are shifted
 * by the fixed offset and read with UTC getters, never with local-time ones.
 */

/** A local date in Viet Nam, "YYYY-MM-DD". */
export type LocalDate = string;

/** Viet Nam's fixed offset from UTC (Asia/Ho_Chi_Minh has had no daylight saving since 1975). */
export const VN_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One named day in the calendar data (a holiday or a worked weekend day). */
export interface CalendarDay {
  date: LocalDate;
  name: string;
}

/** One year of the calendar data, as in assets/holidays-vn.json. */
export interface CalendarYear {
  year: number;
  status: "official" | "provisional";
  source?: string;
  daysOff: readonly CalendarDay[];
  workingDays: readonly CalendarDay[];
}

/** The calendar data: the years it covers with their days off and worked weekend days. */
export interface CalendarData {
  years: readonly CalendarYear[];
}

/** Answers working-day questions in Viet Nam's time zone; a date is an instant or a local date. */
export interface WorkingCalendar {
  /** The years the data file covers; other years count weekends only. */
  readonly coveredYears: readonly number[];
  /** Whether the data file covers this date's year (a deadline outside it ignores holidays). */
  isCovered(date: Date | LocalDate): boolean;
  /** Whether the day is a working day (not a weekend unless worked, not a day off). */
  isWorkingDay(date: Date | LocalDate): boolean;
  /** Why the day is off or worked, when the data file names it. */
  dayName(date: Date | LocalDate): string | undefined;
  /**
   * The end (23:59:59.999 +07:00) of the n-th working day after the start's day: the day of
   * receipt never counts, so n = 1 is the next working day; n = 0 is the end of the start's day.
   */
  addWorkingDays(start: Date | LocalDate, n: number): Date;
  /** The local date of the n-th working day after the start's day (n = 0: the start's day). */
  addWorkingDaysToDate(start: Date | LocalDate, n: number): LocalDate;
  /**
   * Working days after a's day up to and including b's day (the same counting as addWorkingDays,
   * so `workingDaysBetween(s, addWorkingDays(s, n)) === n`); negative when b's day is before a's.
   */
  workingDaysBetween(a: Date | LocalDate, b: Date | LocalDate): number;
}

/** Whether a string is a real calendar date written "YYYY-MM-DD". */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value && Number(m[1]) >= 1900;
}

/** The local date in Viet Nam of an instant (or the local date itself, checked). */
export function toLocalDate(date: Date | LocalDate): LocalDate {
  if (typeof date === "string") {
    if (!isLocalDate(date)) throw new RangeError(`Not a local date (YYYY-MM-DD): ${JSON.stringify(date)}`);
    return date;
  }
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid Date");
  return new Date(ms + VN_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local day starts in Viet Nam (00:00 +07:00). */
export function startOfLocalDay(day: LocalDate): Date {
  return new Date(Date.parse(`${toLocalDate(day)}T00:00:00.000Z`) - VN_UTC_OFFSET_MS);
}

/** The last millisecond of a local day in Viet Nam (23:59:59.999 +07:00). */
export function endOfLocalDay(day: LocalDate): Date {
  return new Date(startOfLocalDay(day).getTime() + DAY_MS - 1);
}

// Unchecked steps for the calendar's own loops, on dates already checked (the deadline scan walks
// thousands of days a minute).
const shift = (day: LocalDate, days: number): LocalDate =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
const weekday = (day: LocalDate): number => new Date(`${day}T00:00:00.000Z`).getUTCDay();

/** The local date `days` calendar days after (or before, when negative) the given one. */
export function addCalendarDays(day: LocalDate, days: number): LocalDate {
  return shift(toLocalDate(day), days);
}

/** Day of the week of a local date: 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(day: LocalDate): number {
  return weekday(toLocalDate(day));
}

/** Formats an instant as an ISO string in Viet Nam's time zone ("2026-02-23T23:59:59.999+07:00"). */
export function formatVnTime(instant: Date): string {
  return `${new Date(instant.getTime() + VN_UTC_OFFSET_MS).toISOString().slice(0, 23)}+07:00`;
}

const isWeekend = (day: LocalDate) => {
  const dow = weekday(day);
  return dow === 0 || dow === 6;
};

// A guard against a data file that would make the next working day unreachable (a year all off).
const MAX_SCAN_DAYS = 3_700;

/** Builds a calendar from (already validated) data; see holidays-file.ts to load the bundled file. */
export function createWorkingCalendar(data: CalendarData): WorkingCalendar {
  const daysOff = new Map<LocalDate, string>();
  const worked = new Map<LocalDate, string>();
  for (const year of data.years) {
    for (const d of year.daysOff) daysOff.set(d.date, d.name);
    for (const d of year.workingDays) worked.set(d.date, d.name);
  }
  const coveredYears = [...new Set(data.years.map((y) => y.year))].sort((a, b) => a - b);
  const covered = new Set(coveredYears);

  const working = new Map<LocalDate, boolean>();
  const isWorkingDate = (day: LocalDate) => {
    let known = working.get(day);
    if (known === undefined) {
      known = daysOff.has(day) ? false : worked.has(day) ? true : !isWeekend(day);
      // Remembered per calendar: a process only ever looks at a few years of days.
      if (working.size < 100_000) working.set(day, known);
    }
    return known;
  };

  const addToDate = (start: Date | LocalDate, n: number): LocalDate => {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be an integer >= 0, got ${n}`);
    let day = toLocalDate(start);
    for (let counted = 0, scanned = 0; counted < n; ) {
      day = shift(day, 1);
      if (isWorkingDate(day)) counted += 1;
      if (++scanned > MAX_SCAN_DAYS + n * 7) throw new RangeError(`No working day found after ${day}`);
    }
    return day;
  };

  const between = (a: Date | LocalDate, b: Date | LocalDate): number => {
    const from = toLocalDate(a);
    const to = toLocalDate(b);
    if (to < from) return -between(to, from);
    let count = 0;
    for (let day = shift(from, 1); day <= to; day = shift(day, 1)) {
      if (isWorkingDate(day)) count += 1;
    }
    return count;
  };

  return {
    coveredYears,
    isCovered: (date) => covered.has(Number(toLocalDate(date).slice(0, 4))),
    isWorkingDay: (date) => isWorkingDate(toLocalDate(date)),
    dayName: (date) => {
      const day = toLocalDate(date);
      return daysOff.get(day) ?? worked.get(day);
    },
    addWorkingDays: (start, n) => endOfLocalDay(addToDate(start, n)),
    addWorkingDaysToDate: addToDate,
    workingDaysBetween: between,
  };
}
