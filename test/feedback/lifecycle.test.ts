import { describe, expect, it } from "vitest";
import {
  ANSWER_IN_REVIEW,
  ANSWERED_STATUSES,
  AWAITING_AGENCY,
  AWAITING_ANSWER,
  assertTransition,
  canTransition,
  FINAL_STATUSES,
  isPaused,
  nextStatuses,
  PAKN_STATUSES,
  PAUSED_STATUSES,
  RUNNING_STATUSES,
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

describe("the lifecycle's derived sets", () => {
  it("equal the lists that used to be written by hand", () => {
    const list = (words: string) => words.split(" ");
    expect(AWAITING_ANSWER).toEqual(list("received classified assigned in_progress transferred returned"));
    expect(PAUSED_STATUSES).toEqual(list("returned"));
    expect(RUNNING_STATUSES).toEqual(list("received classified assigned in_progress transferred"));
    expect(AWAITING_AGENCY).toEqual(list("received classified transferred"));
    expect(ANSWER_IN_REVIEW).toEqual(list("answered approved"));
    expect(ANSWERED_STATUSES).toEqual(list("answered approved published"));
    expect(FINAL_STATUSES).toEqual(list("published rejected merged out_of_scope"));
  });

  it("agree with each other: a clock runs or pauses exactly while the answer is awaited", () => {
    expect([...RUNNING_STATUSES, ...PAUSED_STATUSES].sort()).toEqual([...AWAITING_ANSWER].sort());
    for (const s of PAKN_STATUSES) {
      const places = [AWAITING_ANSWER, ANSWER_IN_REVIEW, FINAL_STATUSES].filter((set) => set.includes(s));
      expect({ s, places: places.length }).toEqual({ s, places: 1 });
    }
    expect(isPaused("returned")).toBe(true);
    expect(isPaused("in_progress")).toBe(false);
    expect(isPaused("not-a-status")).toBe(false);
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
