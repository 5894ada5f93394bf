import { describe, expect, it } from "vitest";
import {
  answeredOnTime,
  computeDeadlines,
  DEFAULT_DEADLINE_CONFIG,
  type DeadlineInput,
  deadlineStatus,
  resolveDeadlineConfig,
} from "../../feedback/deadlines.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { formatVnTime } from "../../feedback/working-calendar.js";

const deps = { calendar: loadWorkingCalendar() };
const at = (iso: string) => new Date(iso);
const vn = (d: Date) => formatVnTime(d);

// Monday 2/3/2026, a month without holidays: day 5 is Mon 9/3, day 10 is Mon 16/3.
const march: DeadlineInput = { kind: "phan_anh", receivedAt: at("2026-03-02T09:00:00+07:00") };

describe("PAKN deadlines", () => {
  it("forwards within 5 and answers within 10 working days across Tết 2026, reminding at 50%, 80%, due and after", () => {
    const d = computeDeadlines(deps, { kind: "phan_anh", receivedAt: at("2026-02-12T10:00:00+07:00") });
    expect(vn(d.forwardBy)).toBe("2026-02-26T23:59:59.999+07:00");
    expect(vn(d.answerBy)).toBe("2026-03-05T23:59:59.999+07:00");
    expect(d.pausedWorkingDays).toBe(0);
    expect(d.paused).toBe(false);
    expect(d.reminders.map((r) => [r.point, vn(r.at)])).toEqual([
      ["half", "2026-02-27T08:00:00.000+07:00"],
      ["eighty", "2026-03-04T08:00:00.000+07:00"],
      ["due", "2026-03-05T08:00:00.000+07:00"],
      ["overdue", "2026-03-06T08:00:00.000+07:00"],
    ]);
  });

  it("counts across Giỗ Tổ and 30/4-1/5 2026", () => {
    const d = computeDeadlines(deps, { kind: "kien_nghi", receivedAt: at("2026-04-24T16:00:00+07:00") });
    expect(vn(d.forwardBy)).toBe("2026-05-06T23:59:59.999+07:00");
    expect(vn(d.answerBy)).toBe("2026-05-13T23:59:59.999+07:00");
  });

  it("counts the swapped working Saturday 10/1/2026", () => {
    const d = computeDeadlines(deps, { kind: "question", receivedAt: at("2025-12-31T14:00:00+07:00") });
    expect(vn(d.forwardBy)).toBe("2026-01-09T23:59:59.999+07:00");
    expect(vn(d.answerBy)).toBe("2026-01-15T23:59:59.999+07:00");
  });

  it("uses the configured working days per kind and refuses nonsense", () => {
    const config = resolveDeadlineConfig({ answerWorkingDays: { question: 5 }, forwardWorkingDays: 3 });
    expect(config.answerWorkingDays).toEqual({ phan_anh: 10, kien_nghi: 10, question: 5 });
    expect(DEFAULT_DEADLINE_CONFIG.answerWorkingDays.question).toBe(10);
    const d = computeDeadlines({ ...deps, config }, { ...march, kind: "question" });
    expect(vn(d.answerBy)).toBe("2026-03-09T23:59:59.999+07:00");
    expect(vn(d.forwardBy)).toBe("2026-03-05T23:59:59.999+07:00");
    expect(vn(computeDeadlines({ ...deps, config }, march).answerBy)).toBe("2026-03-16T23:59:59.999+07:00");
    expect(() => resolveDeadlineConfig({ answerWorkingDays: { phan_anh: 0 } })).toThrow(/phan_anh/);
    expect(() => resolveDeadlineConfig({ forwardWorkingDays: 2.5 })).toThrow(/forwardWorkingDays/);
    expect(() => resolveDeadlineConfig({ reminderHour: 24 })).toThrow(/reminderHour/);
  });

  it("stops the clock while the PAKN is with the citizen, over a weekend", () => {
    // Returned on Friday afternoon, the citizen replies on Tuesday: Monday and Tuesday do not count.
    const pauses = [{ from: at("2026-03-06T15:00:00+07:00"), to: at("2026-03-10T10:00:00+07:00") }];
    const d = computeDeadlines(deps, { ...march, pauses });
    expect(d.pausedWorkingDays).toBe(2);
    expect(vn(d.forwardBy)).toBe("2026-03-11T23:59:59.999+07:00");
    expect(vn(d.answerBy)).toBe("2026-03-18T23:59:59.999+07:00");
    // A reply on the day it was returned costs nothing.
    const sameDay = [{ from: at("2026-03-06T09:00:00+07:00"), to: at("2026-03-06T16:00:00+07:00") }];
    expect(vn(computeDeadlines(deps, { ...march, pauses: sameDay }).answerBy)).toBe(
      "2026-03-16T23:59:59.999+07:00",
    );
  });

  it("treats a pause still open as resuming now, and needs now for it", () => {
    const pauses = [{ from: at("2026-03-06T15:00:00+07:00") }];
    const d = computeDeadlines(deps, { ...march, pauses, now: at("2026-03-11T09:00:00+07:00") });
    expect(d.paused).toBe(true);
    expect(d.pausedWorkingDays).toBe(3);
    expect(vn(d.answerBy)).toBe("2026-03-19T23:59:59.999+07:00");
    expect(() => computeDeadlines(deps, { ...march, pauses })).toThrow(/now/);
    const backwards = [{ from: at("2026-03-06T15:00:00+07:00"), to: at("2026-03-05T15:00:00+07:00") }];
    expect(() => computeDeadlines(deps, { ...march, pauses: backwards })).toThrow(/ends before/);
  });

  it("clamps a few seconds of clock skew between processes and refuses dates beyond it", () => {
    const now = at("2026-03-11T09:00:00+07:00");
    const later = (ms: number) => new Date(now.getTime() + ms);
    // Stamped by a clock 3 s ahead of the one computing: the pause starts now, costs no day.
    const ahead = computeDeadlines(deps, { ...march, pauses: [{ from: later(3_000) }], now });
    expect(ahead.paused).toBe(true);
    expect(vn(ahead.answerBy)).toBe("2026-03-16T23:59:59.999+07:00");
    // Resumed by a clock a second behind the one that returned it: a pause of no time.
    const crossed = [{ from: at("2026-03-06T15:00:01+07:00"), to: at("2026-03-06T15:00:00+07:00") }];
    expect(computeDeadlines(deps, { ...march, pauses: crossed, now }).pausedWorkingDays).toBe(0);
    // A day is not skew.
    const future = [{ from: later(24 * 60 * 60 * 1000) }];
    expect(() => computeDeadlines(deps, { ...march, pauses: future, now })).toThrow(/future/);
    const tight = resolveDeadlineConfig({ clockSkewMs: 0 });
    expect(() =>
      computeDeadlines({ ...deps, config: tight }, { ...march, pauses: [{ from: later(3_000) }], now }),
    ).toThrow(/future/);
  });
});

describe("deadline status for the minute scan", () => {
  const statusAt = (iso: string, input: DeadlineInput = march) => {
    const s = deadlineStatus(deps, { ...input, now: at(iso) });
    return [s.status, s.dueReminders];
  };

  it("is on track, then due soon after 80% of the period, due today, then overdue", () => {
    expect(statusAt("2026-03-09T12:00:00+07:00")).toEqual(["on_track", []]);
    expect(statusAt("2026-03-10T08:00:00+07:00")).toEqual(["on_track", ["half"]]);
    expect(statusAt("2026-03-12T16:00:00+07:00")).toEqual(["on_track", ["half"]]);
    expect(statusAt("2026-03-13T07:00:00+07:00")).toEqual(["due_soon", ["half"]]);
    expect(statusAt("2026-03-14T10:00:00+07:00")).toEqual(["due_soon", ["half", "eighty"]]);
    expect(statusAt("2026-03-16T07:00:00+07:00")).toEqual(["due_today", ["half", "eighty"]]);
    expect(statusAt("2026-03-16T23:59:59.999+07:00")).toEqual(["due_today", ["half", "eighty", "due"]]);
    expect(statusAt("2026-03-17T00:00:00+07:00")).toEqual(["overdue", ["half", "eighty", "due"]]);
    expect(statusAt("2026-03-17T08:00:00+07:00")).toEqual(["overdue", ["half", "eighty", "due", "overdue"]]);
  });

  it("reads now in +07:00 whatever offset it was written with", () => {
    // 16/3 12:30 in Los Angeles is already 17/3 in Viet Nam: overdue, not due today.
    expect(statusAt("2026-03-16T12:30:00-07:00")[0]).toBe("overdue");
    expect(statusAt("2026-03-16T09:30:00-07:00")[0]).toBe("due_today");
  });

  it("flags a PAKN not forwarded within 5 working days", () => {
    expect(deadlineStatus(deps, { ...march, now: at("2026-03-09T23:00:00+07:00") }).forwardOverdue).toBe(
      false,
    );
    expect(deadlineStatus(deps, { ...march, now: at("2026-03-10T00:00:00+07:00") }).forwardOverdue).toBe(
      true,
    );
  });

  it("holds back reminders while the PAKN is with the citizen", () => {
    const input = { ...march, pauses: [{ from: at("2026-03-06T15:00:00+07:00") }] };
    const s = deadlineStatus(deps, { ...input, now: at("2026-03-12T10:00:00+07:00") });
    expect(s.paused).toBe(true);
    expect(s.status).toBe("on_track");
    expect(s.dueReminders).toEqual([]);
  });
});

describe("answered on time", () => {
  const tet = { kind: "phan_anh" as const, receivedAt: at("2026-02-12T10:00:00+07:00") };

  it("is on time up to the last millisecond of the due day in Viet Nam", () => {
    expect(answeredOnTime(deps, { ...tet, answeredAt: at("2026-03-05T23:00:00+07:00") })).toBe(true);
    expect(answeredOnTime(deps, { ...tet, answeredAt: at("2026-03-05T16:59:59.999Z") })).toBe(true);
    expect(answeredOnTime(deps, { ...tet, answeredAt: at("2026-03-05T13:00:00-05:00") })).toBe(false);
  });

  it("gives back the days spent with the citizen", () => {
    const pauses = [{ from: at("2026-02-24T09:00:00+07:00"), to: at("2026-02-27T09:00:00+07:00") }];
    expect(answeredOnTime(deps, { ...tet, pauses, answeredAt: at("2026-03-10T10:00:00+07:00") })).toBe(true);
    expect(answeredOnTime(deps, { ...tet, pauses, answeredAt: at("2026-03-11T10:00:00+07:00") })).toBe(false);
  });
});
