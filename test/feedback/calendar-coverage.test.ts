import { describe, expect, it } from "vitest";
import { calendarGap, calendarGapNotice } from "../../feedback/calendar-coverage.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { createWorkingCalendar } from "../../feedback/working-calendar.js";

const at = (iso: string) => new Date(iso);
// The bundled file covers 2025, 2026 (official) and 2027 (provisional).
const bundled = loadWorkingCalendar();

describe("holiday calendar coverage", () => {
  it("is complete while the current and the next year are entered", () => {
    expect(calendarGap(bundled, at("2026-06-15T10:00:00+07:00"))).toEqual({
      currentYear: 2026,
      missingYears: [],
    });
    expect(calendarGapNotice(calendarGap(bundled, at("2026-06-15T10:00:00+07:00")))).toBeUndefined();
  });

  it("warns about the coming year once the last entered one is current, by the year in Viet Nam", () => {
    expect(calendarGap(bundled, at("2027-03-01T10:00:00+07:00")).missingYears).toEqual([2028]);
    // 31 December 2026, 18:00 in New York is already 2027 in Viet Nam.
    expect(calendarGap(bundled, at("2026-12-31T18:00:00-05:00"))).toEqual({
      currentYear: 2027,
      missingYears: [2028],
    });
    expect(calendarGap(bundled, at("2026-12-31T10:00:00-05:00")).missingYears).toEqual([]);
    expect(calendarGap(bundled, at("2028-01-10T10:00:00+07:00")).missingYears).toEqual([2028, 2029]);
  });

  it("does not count a year whose only entries lie late in it (its Tết was never entered)", () => {
    const partial = createWorkingCalendar({
      years: [
        {
          year: 2030,
          status: "provisional",
          daysOff: [{ date: "2030-09-02", name: "Quốc khánh" }],
          workingDays: [],
        },
        {
          year: 2031,
          status: "provisional",
          daysOff: [{ date: "2031-03-02", name: "Ngày thứ 61 của năm" }],
          workingDays: [],
        },
      ],
    });
    expect(calendarGap(partial, at("2030-05-01T10:00:00+07:00")).missingYears).toEqual([2030, 2031]);
    // The 60th day of the year is still near its start.
    const sixtieth = createWorkingCalendar({
      years: [
        {
          year: 2031,
          status: "provisional",
          daysOff: [{ date: "2031-03-01", name: "Ngày thứ 60" }],
          workingDays: [],
        },
      ],
    });
    expect(calendarGap(sixtieth, at("2031-05-01T10:00:00+07:00")).missingYears).toEqual([2032]);
  });

  it("tells the admin which years to enter, in Vietnamese", () => {
    const notice = calendarGapNotice({ currentYear: 2027, missingYears: [2028] });
    expect(notice).toContain("Lịch ngày nghỉ lễ chưa có năm 2028");
    expect(notice).toContain("holidays-vn.json");
  });
});
