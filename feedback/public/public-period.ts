import { addCalendarDays, isLocalDate, startOfLocalDay, toLocalDate } from "../working-calendar.js";

/** A month on Viet Nam's calendar, "YYYY-MM". */
export type LocalMonth = string;

/** A period of receipt chosen by a visitor: one month, or from one day to another (both included). */
export interface Period {
  month?: LocalMonth;
  fromDay?: string;
  toDay?: string;
  /** The instants it covers: at or after `from`, before `before`. */
  from?: Date;
  before?: Date;
}

/** What a visitor typed: a month, and/or first and last days. */
export interface PeriodInput {
  month?: string;
  from?: string;
  to?: string;
}

/** The years a visitor may ask about; outside them, day arithmetic leaves four-digit years. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2999;

/** Reads "YYYY-MM" or "MM/YYYY"; undefined when it is not a month. */
export function parseMonth(value: string | undefined): LocalMonth | undefined {
  const v = value?.trim() ?? "";
  const iso = /^(\d{4})-(\d{1,2})$/.exec(v);
  const vn = /^(\d{1,2})\/(\d{4})$/.exec(v);
  const year = Number(iso?.[1] ?? vn?.[2]);
  const month = Number(iso?.[2] ?? vn?.[1]);
  if (!year || year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return undefined;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/**
 * Reads "YYYY-MM-DD" or "DD/MM/YYYY" (as date pickers and people write them) of the years a month
 * may have (2000–2999, so the day after is still a date); undefined otherwise.
 */
export function parseDay(value: string | undefined): string | undefined {
  const v = value?.trim() ?? "";
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  const iso = vn ? `${vn[3]}-${vn[2]?.padStart(2, "0")}-${vn[1]?.padStart(2, "0")}` : v;
  const year = Number(iso.slice(0, 4));
  return isLocalDate(iso) && year >= MIN_YEAR && year <= MAX_YEAR ? iso : undefined;
}

/** The month after a month. */
export function nextMonth(month: LocalMonth): LocalMonth {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** The month of an instant on Viet Nam's calendar. */
export function monthOf(at: Date): LocalMonth {
  return toLocalDate(at).slice(0, 7);
}

/** The first instant of a month in Viet Nam. */
export function startOfMonth(month: LocalMonth): Date {
  return startOfLocalDay(`${month}-01`);
}

/**
 * Turns a visitor's month or days into instants on Viet Nam's calendar; a month wins over days,
 * reversed days are swapped, and anything unreadable is dropped (`invalid` then says so).
 */
export function parsePeriod(input: PeriodInput): { period: Period; invalid: boolean } {
  const given = [input.month, input.from, input.to].filter((v) => v?.trim()).length;
  const month = parseMonth(input.month);
  if (month) {
    return {
      period: { month, from: startOfMonth(month), before: startOfMonth(nextMonth(month)) },
      invalid: false,
    };
  }
  let fromDay = parseDay(input.from);
  let toDay = parseDay(input.to);
  if (fromDay && toDay && fromDay > toDay) [fromDay, toDay] = [toDay, fromDay];
  const period: Period = {
    ...(fromDay ? { fromDay, from: startOfLocalDay(fromDay) } : {}),
    ...(toDay ? { toDay, before: startOfLocalDay(addCalendarDays(toDay, 1)) } : {}),
  };
  const understood = (fromDay ? 1 : 0) + (toDay ? 1 : 0);
  return { period, invalid: understood < given };
}
