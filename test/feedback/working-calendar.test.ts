import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  BUNDLED_HOLIDAYS_FILE,
  HolidaysFileError,
  loadHolidaysFile,
  loadWorkingCalendar,
} from "../../feedback/holidays-file.js";
import { createWorkingCalendar, formatVnTime, toLocalDate } from "../../feedback/working-calendar.js";

const calendar = loadWorkingCalendar();
const dayOf = (instant: Date) => toLocalDate(instant);
const tmp = mkdtempSync(join(tmpdir(), "motcua-calendar-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const writeCalendar = (name: string, content: string) => {
  const file = join(tmp, name);
  writeFileSync(file, content);
  return file;
};

const errorOf = (fn: () => unknown): HolidaysFileError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof HolidaysFileError) return error;
    throw error;
  }
  throw new Error("expected a HolidaysFileError");
};

describe("the bundled Vietnamese calendar", () => {
  it("covers 2025, 2026 and 2027 and falls back to weekends only outside them", () => {
    expect(calendar.coveredYears).toEqual([2025, 2026, 2027]);
    expect(calendar.isCovered("2026-06-01")).toBe(true);
    expect(calendar.isCovered("2028-01-03")).toBe(false);
    expect(calendar.isWorkingDay("2028-01-03")).toBe(true);
    expect(calendar.isWorkingDay("2028-01-08")).toBe(false);
  });

  it("has Tết Nguyên đán 2026 from 29 tháng Chạp to mùng 4 (16-20/2), a nine-day break with the weekends", () => {
    for (const day of ["2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-20", "2026-02-22"]) {
      expect(calendar.isWorkingDay(day), day).toBe(false);
    }
    expect(calendar.dayName("2026-02-17")).toMatch(/mùng 1 Tết Bính Ngọ/);
    expect(calendar.isWorkingDay("2026-02-13")).toBe(true);
    expect(calendar.isWorkingDay("2026-02-23")).toBe(true);
    // Received on the last working day before Tết: the next working day is after the whole break.
    expect(formatVnTime(calendar.addWorkingDays(new Date("2026-02-13T09:00:00+07:00"), 1))).toBe(
      "2026-02-23T23:59:59.999+07:00",
    );
  });

  it("puts the lunar holidays on their solar dates: Tết 29/1/2025, 17/2/2026, 6/2/2027; Giỗ Tổ 7/4, 26/4, 16/4", () => {
    expect(calendar.dayName("2025-01-29")).toMatch(/mùng 1/);
    expect(calendar.dayName("2027-02-06")).toMatch(/mùng 1/);
    expect(calendar.dayName("2025-04-07")).toMatch(/Giỗ Tổ/);
    expect(calendar.dayName("2027-04-16")).toMatch(/Giỗ Tổ/);
    // 26/4/2026 is a Sunday: the compensatory Monday is off.
    expect(calendar.dayName("2026-04-26")).toMatch(/Giỗ Tổ/);
    expect(calendar.isWorkingDay("2026-04-27")).toBe(false);
  });

  it("counts across Giỗ Tổ and 30/4-1/5 2026: the day of receipt never counts", () => {
    const friday = new Date("2026-04-24T15:00:00+07:00");
    expect(dayOf(calendar.addWorkingDays(friday, 1))).toBe("2026-04-28");
    expect(dayOf(calendar.addWorkingDays(friday, 2))).toBe("2026-04-29");
    expect(dayOf(calendar.addWorkingDays(friday, 3))).toBe("2026-05-04");
    expect(calendar.workingDaysBetween(friday, new Date("2026-05-04T08:00:00+07:00"))).toBe(3);
  });

  it("works a swapped Saturday and rests the swapped weekday (Tết Dương lịch 2026, Tết and 30/4 2025)", () => {
    expect(calendar.isWorkingDay("2026-01-02")).toBe(false);
    expect(calendar.isWorkingDay("2026-01-10")).toBe(true);
    expect(calendar.dayName("2026-01-10")).toMatch(/Làm bù/);
    expect(dayOf(calendar.addWorkingDays("2026-01-09", 1))).toBe("2026-01-10");
    expect(dayOf(calendar.addWorkingDays("2025-12-31", 1))).toBe("2026-01-05");
    expect(calendar.isWorkingDay("2025-01-27")).toBe(false);
    expect(calendar.isWorkingDay("2025-02-08")).toBe(true);
    expect(calendar.isWorkingDay("2025-04-26")).toBe(true);
    expect(calendar.isWorkingDay("2025-05-02")).toBe(false);
  });

  it("starts counting on Monday for a PAKN received on a weekend, and ends at 23:59:59.999 +07:00", () => {
    const saturday = new Date("2026-03-07T10:00:00+07:00");
    expect(calendar.isWorkingDay(saturday)).toBe(false);
    expect(formatVnTime(calendar.addWorkingDays(saturday, 1))).toBe("2026-03-09T23:59:59.999+07:00");
    expect(formatVnTime(calendar.addWorkingDays(saturday, 0))).toBe("2026-03-07T23:59:59.999+07:00");
    expect(calendar.workingDaysBetween(saturday, "2026-03-08")).toBe(0);
    expect(() => calendar.addWorkingDays(saturday, -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(saturday, 1.5)).toThrow(RangeError);
  });

  it("answers in +07:00 for instants written with other offsets", () => {
    // Friday evening in New York is already Saturday morning of the Tết break in Viet Nam.
    expect(calendar.isWorkingDay(new Date("2026-02-13T20:00:00-05:00"))).toBe(false);
    expect(calendar.isWorkingDay(new Date("2026-02-13T16:59:59Z"))).toBe(true);
    const saturdayInVietnam = new Date("2026-03-06T18:30:00-08:00");
    expect(calendar.addWorkingDays(saturdayInVietnam, 1).toISOString()).toBe("2026-03-09T16:59:59.999Z");
  });

  it("gives the same answers in a process whose time zone is not +07:00", () => {
    const module = fileURLToPath(new URL("../../feedback/holidays-file.ts", import.meta.url));
    const code = `const m = await import(${JSON.stringify(module)}); const c = m.loadWorkingCalendar();
      console.log(JSON.stringify([new Date(2026, 0, 1).getTimezoneOffset(),
        c.addWorkingDays(new Date("2026-03-06T18:30:00-08:00"), 1).toISOString(),
        c.isWorkingDay(new Date("2026-02-13T20:00:00-05:00")), c.workingDaysBetween("2026-02-12", "2026-02-23")]));`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      env: { ...process.env, TZ: "America/Los_Angeles" },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([480, "2026-03-09T16:59:59.999Z", false, 2]);
  });

  it("keeps workingDaysBetween consistent with addWorkingDays, negative backwards", () => {
    const start = new Date("2025-12-20T11:00:00+07:00");
    for (const n of [0, 1, 5, 10, 30, 60]) {
      expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n))).toBe(n);
    }
    expect(calendar.workingDaysBetween("2026-02-23", "2026-02-12")).toBe(-2);
  });
});

describe("an edited calendar file", () => {
  it("applies a local holiday a province adds", () => {
    const data = JSON.parse(readFileSync(BUNDLED_HOLIDAYS_FILE, "utf8"));
    data.years[1].daysOff.push({
      date: "2026-03-24",
      name: "Ngày giải phóng tỉnh (nghỉ theo quyết định của tỉnh)",
    });
    const edited = loadWorkingCalendar(writeCalendar("edited.json", JSON.stringify(data)));
    expect(calendar.isWorkingDay("2026-03-24")).toBe(true);
    expect(edited.isWorkingDay("2026-03-24")).toBe(false);
    expect(edited.dayName("2026-03-24")).toMatch(/giải phóng tỉnh/);
    expect(dayOf(calendar.addWorkingDays("2026-03-20", 10))).toBe("2026-04-03");
    expect(dayOf(edited.addWorkingDays("2026-03-20", 10))).toBe("2026-04-06");
  });

  it("builds from data directly, with holidays the file lists on a weekend left harmless", () => {
    const c = createWorkingCalendar({
      years: [
        { year: 2030, status: "provisional", daysOff: [{ date: "2030-01-05", name: "x" }], workingDays: [] },
      ],
    });
    expect(c.isWorkingDay("2030-01-05")).toBe(false);
    expect(c.isWorkingDay("2030-01-07")).toBe(true);
  });

  it("refuses a file that is not JSON, naming the file", () => {
    const file = writeCalendar("broken.json", '{ "years": [ { "year": 2026, ');
    const error = errorOf(() => loadHolidaysFile(file));
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it("lists every wrong entry: an impossible date, a weekday worked, a date both off and worked, a wrong year", () => {
    const file = writeCalendar(
      "wrong.json",
      JSON.stringify({
        years: [
          {
            year: 2026,
            status: "official",
            daysOff: [
              { date: "2026-02-30", name: "Tết" },
              { date: "2026-01-10", name: "Nghỉ" },
              { date: "2027-01-01", name: "Tết Dương lịch" },
              { date: "2026-03-02", name: "" },
            ],
            workingDays: [
              { date: "2026-03-04", name: "Làm bù" },
              { date: "2026-01-10", name: "Làm bù" },
            ],
          },
        ],
      }),
    );
    const error = errorOf(() => loadWorkingCalendar(file));
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.problems).toEqual([
      'years[0] (2026).daysOff[0].date "2026-02-30" is not a real date written YYYY-MM-DD',
      "years[0] (2026).daysOff[2].date 2027-01-01 is not in year 2026",
      "years[0] (2026).daysOff[3].name must say why (2026-03-02)",
      "years[0] (2026).workingDays[0].date 2026-03-04 is a weekday: only a Saturday or Sunday can be a make-up working day",
      "2026-01-10 is both a day off and a working day",
    ]);
  });

  it("refuses a missing file and a file without a years list", () => {
    const missing = join(tmp, "missing.json");
    expect(errorOf(() => loadHolidaysFile(missing)).message).toBe(
      `Holiday calendar ${missing}: cannot be read (ENOENT)`,
    );
    const file = writeCalendar("no-years.json", '{"2026": []}');
    expect(errorOf(() => loadHolidaysFile(file)).message).toMatch(/must be an object with a "years" list/);
  });
});
