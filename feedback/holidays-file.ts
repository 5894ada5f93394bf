import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type CalendarData,
  type CalendarDay,
  type CalendarYear,
  createWorkingCalendar,
  dayOfWeek,
  isLocalDate,
  type WorkingCalendar,
} from "./working-calendar.js";

/** The bundled, province-editable calendar of holidays and swapped days (format: its `_readme`). */
export const BUNDLED_HOLIDAYS_FILE = fileURLToPath(new URL("../assets/holidays-vn.json", import.meta.url));

/** A calendar file that cannot be used, naming the file and every problem found in it. */
export class HolidaysFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Holiday calendar ${file}: ${problems.join("; ")}`);
    this.name = "HolidaysFileError";
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function parseDays(
  raw: unknown,
  where: string,
  year: number | undefined,
  problems: string[],
  weekendOnly: boolean,
): CalendarDay[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(`${where} must be a list of {date, name}`);
    return [];
  }
  const days: CalendarDay[] = [];
  for (const [i, entry] of raw.entries()) {
    const at = `${where}[${i}]`;
    if (!isRecord(entry)) {
      problems.push(`${at} must be an object {date, name}`);
      continue;
    }
    const { date, name } = entry;
    if (typeof date !== "string" || !isLocalDate(date)) {
      problems.push(`${at}.date ${JSON.stringify(date)} is not a real date written YYYY-MM-DD`);
      continue;
    }
    if (year !== undefined && Number(date.slice(0, 4)) !== year) {
      problems.push(`${at}.date ${date} is not in year ${year}`);
    }
    if (typeof name !== "string" || !name.trim()) problems.push(`${at}.name must say why (${date})`);
    const dow = dayOfWeek(date);
    if (weekendOnly && dow !== 0 && dow !== 6) {
      problems.push(
        `${at}.date ${date} is a weekday: only a Saturday or Sunday can be a make-up working day`,
      );
    }
    days.push({ date, name: typeof name === "string" ? name.trim() : "" });
  }
  return days;
}

function parseYear(raw: unknown, where: string, problems: string[]): CalendarYear | undefined {
  if (!isRecord(raw)) {
    problems.push(`${where} must be an object {year, status, daysOff, workingDays}`);
    return undefined;
  }
  const year = raw.year;
  const validYear = typeof year === "number" && Number.isInteger(year) && year >= 1900 && year <= 9999;
  if (!validYear) problems.push(`${where}.year ${JSON.stringify(year)} is not a year`);
  const label = validYear ? `${where} (${year})` : where;
  const status = raw.status ?? "official";
  if (status !== "official" && status !== "provisional") {
    problems.push(`${label}.status must be "official" or "provisional"`);
  }
  if (raw.source !== undefined && typeof raw.source !== "string")
    problems.push(`${label}.source must be text`);
  const y = validYear ? year : undefined;
  const daysOff = parseDays(raw.daysOff, `${label}.daysOff`, y, problems, false);
  const workingDays = parseDays(raw.workingDays, `${label}.workingDays`, y, problems, true);
  return {
    year: validYear ? year : Number.NaN,
    status: status === "provisional" ? "provisional" : "official",
    ...(typeof raw.source === "string" ? { source: raw.source } : {}),
    daysOff,
    workingDays,
  };
}

function checkDuplicates(years: readonly CalendarYear[], problems: string[]): void {
  const seenYears = new Set<number>();
  const seenDates = new Map<string, string>();
  for (const y of years) {
    if (Number.isNaN(y.year)) continue;
    if (seenYears.has(y.year)) problems.push(`year ${y.year} is listed twice`);
    seenYears.add(y.year);
    const entries = [
      ...y.daysOff.map((d) => ({ ...d, list: "daysOff" })),
      ...y.workingDays.map((d) => ({ ...d, list: "workingDays" })),
    ];
    for (const d of entries) {
      const before = seenDates.get(d.date);
      if (before === d.list) problems.push(`${d.date} is listed twice in ${d.list}`);
      else if (before) problems.push(`${d.date} is both a day off and a working day`);
      seenDates.set(d.date, d.list);
    }
  }
}

/** Parses and checks the calendar file's text; throws HolidaysFileError listing every problem. */
export function parseHolidaysFile(content: string, file = "<calendar>"): CalendarData {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new HolidaysFileError(file, [`is not valid JSON (${(error as Error).message})`]);
  }
  if (!isRecord(json) || !Array.isArray(json.years)) {
    throw new HolidaysFileError(file, ['must be an object with a "years" list']);
  }
  const problems: string[] = [];
  const years = json.years
    .map((raw, i) => parseYear(raw, `years[${i}]`, problems))
    .filter((y): y is CalendarYear => y !== undefined);
  checkDuplicates(years, problems);
  if (problems.length > 0) throw new HolidaysFileError(file, problems);
  return { years };
}

/** Reads and checks a calendar file (default: the bundled one); throws HolidaysFileError on any problem. */
export function loadHolidaysFile(file = BUNDLED_HOLIDAYS_FILE): CalendarData {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    throw new HolidaysFileError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`]);
  }
  return parseHolidaysFile(content, file);
}

/** The working calendar built from a calendar file (default: the bundled assets/holidays-vn.json). */
export function loadWorkingCalendar(file = BUNDLED_HOLIDAYS_FILE): WorkingCalendar {
  return createWorkingCalendar(loadHolidaysFile(file));
}
