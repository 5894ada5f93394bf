import { describe, expect, it } from "vitest";
import { parseW3, toVnW3 } from "../../../feedback/open311/w3-datetime.js";

describe("W3C date-times for Open311", () => {
  it("writes instants in Viet Nam time with the +07:00 zone", () => {
    expect(toVnW3(new Date("2026-11-21T20:15:30.500Z"))).toBe("2026-11-22T03:15:30+07:00");
  });

  it("reads every W3C profile, zone-less values as Viet Nam time", () => {
    expect(parseW3("2010-01-01T00:00:00Z")?.toISOString()).toBe("2010-01-01T00:00:00.000Z");
    expect(parseW3("2010-01-01T07:00+07:00")?.toISOString()).toBe("2010-01-01T00:00:00.000Z");
    expect(parseW3("2010-01-01T00:00:00.25-05:00")?.toISOString()).toBe("2010-01-01T05:00:00.000Z");
    expect(parseW3("2026-11-22")?.toISOString()).toBe("2026-11-21T17:00:00.000Z");
    expect(parseW3("2026")?.toISOString()).toBe("2025-12-31T17:00:00.000Z");
  });

  it("refuses what is not a date", () => {
    for (const text of ["yesterday", "2026-02-31", "2026-13-01", "22/11/2026", "2026-11-22T25:00:00Z", ""])
      expect(parseW3(text), text).toBeUndefined();
  });
});
