import { describe, expect, it } from "vitest";
import { parseDay, parseMonth, parsePeriod } from "../../../feedback/public/public-period.js";
import { monthsBack } from "../../../feedback/public/public-stats.js";

describe("periods typed on the public pages", () => {
  it("reads months and days as date pickers and people write them", () => {
    expect(parseMonth("2026-03")).toBe("2026-03");
    expect(parseMonth("3/2026")).toBe("2026-03");
    expect(parseMonth("13/2026")).toBeUndefined();
    expect(parseDay("01/03/2026")).toBe("2026-03-01");
    expect(parseDay("2026-02-30")).toBeUndefined();
    // The day after must still be a date: no years the listing could not step past.
    expect(parseDay("9999-12-31")).toBeUndefined();
    expect(parseDay("31/12/9999")).toBeUndefined();
    expect(parseDay("1999-12-31")).toBeUndefined();
    expect(parsePeriod({ to: "9999-12-31" })).toEqual({ period: {}, invalid: true });
    expect(monthsBack("2026-01", 1)).toBe("2025-12");
    expect(monthsBack("2026-06", 11)).toBe("2025-07");
  });

  it("turns a month or a span of days into instants in Viet Nam's time, and says when input was unreadable", () => {
    const march = parsePeriod({ month: "03/2026" });
    expect(march.invalid).toBe(false);
    expect(march.period.from?.toISOString()).toBe("2026-02-28T17:00:00.000Z");
    expect(march.period.before?.toISOString()).toBe("2026-03-31T17:00:00.000Z");
    const swapped = parsePeriod({ from: "2026-03-31", to: "01/03/2026" });
    expect(swapped.period).toMatchObject({ fromDay: "2026-03-01", toDay: "2026-03-31" });
    expect(swapped.period.before?.toISOString()).toBe("2026-03-31T17:00:00.000Z");
    expect(parsePeriod({ from: "hôm qua" })).toEqual({ period: {}, invalid: true });
    expect(parsePeriod({})).toEqual({ period: {}, invalid: false });
  });
});
