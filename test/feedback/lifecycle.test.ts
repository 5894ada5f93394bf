import { describe, expect, it } from "vitest";
import {
  assertTransition,
  canTransition,
  FINAL_STATUSES,
  nextStatuses,
  PAKN_STATUSES,
} from "../../feedback/lifecycle.js";
import { codeDay, formatTrackingCode, parseTrackingCode } from "../../feedback/tracking-code.js";

describe("PAKN lifecycle", () => {
  it("follows the main path from received to published", () => {
    const path = [
      "received",
      "classified",
      "assigned",
      "in_progress",
      "answered",
      "approved",
      "published",
    ] as const;
    path.slice(1).forEach((to, i) => {
      expect(canTransition(path[i] as (typeof path)[number], to)).toBe(true);
    });
  });

  it("never skips approval and never reopens a closed item", () => {
    expect(canTransition("answered", "published")).toBe(false);
    expect(canTransition("in_progress", "approved")).toBe(false);
    expect(FINAL_STATUSES).toEqual(["published", "rejected", "merged", "out_of_scope"]);
    for (const s of FINAL_STATUSES) expect(nextStatuses(s)).toEqual([]);
    for (const s of PAKN_STATUSES) expect(canTransition(s, "received")).toBe(false);
  });

  it("asks a reason for transfers, returns, rejections and merges", () => {
    expect(() => assertTransition("assigned", "rejected")).toThrow(/reason/);
    expect(() => assertTransition("assigned", "rejected", "Nội dung không rõ ràng")).not.toThrow();
    expect(() => assertTransition("approved", "received", "x")).toThrow(/cannot go/);
  });
});

describe("tracking codes", () => {
  it("numbers by the day in Viet Nam and reads codes the way citizens type them", () => {
    expect(codeDay(new Date("2026-11-22T17:30:00Z"))).toBe("20261123");
    expect(formatTrackingCode("20261122", 12)).toBe("PAKN.20261122.0012");
    expect(parseTrackingCode("tra cứu pakn.20261122.12 giúp em")).toBe("PAKN.20261122.0012");
    expect(parseTrackingCode("PAKN 20261122 0012")).toBe("PAKN.20261122.0012");
    expect(parseTrackingCode("mã hồ sơ 123")).toBeUndefined();
  });
});
