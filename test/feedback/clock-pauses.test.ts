import { describe, expect, it } from "vitest";
import { pausesFromHistory } from "../../feedback/clock-pauses.js";

const at = (iso: string) => new Date(iso);

describe("clock pauses from history", () => {
  it("opens a pause when returned to the citizen and closes it when work resumes", () => {
    const pauses = pausesFromHistory([
      { fromStatus: null, toStatus: "received", createdAt: at("2026-11-02T09:00:00+07:00") },
      { fromStatus: "assigned", toStatus: "returned", createdAt: at("2026-11-03T09:00:00+07:00") },
      { fromStatus: "returned", toStatus: "in_progress", createdAt: at("2026-11-06T09:00:00+07:00") },
      { fromStatus: "in_progress", toStatus: "returned", createdAt: at("2026-11-09T09:00:00+07:00") },
    ]);
    expect(pauses).toEqual([
      { from: at("2026-11-03T09:00:00+07:00"), to: at("2026-11-06T09:00:00+07:00") },
      { from: at("2026-11-09T09:00:00+07:00") },
    ]);
  });

  it("ignores moves that neither enter nor leave a pause", () => {
    const pauses = pausesFromHistory([
      { fromStatus: null, toStatus: "received", createdAt: at("2026-11-02T09:00:00+07:00") },
      { fromStatus: "received", toStatus: "assigned", createdAt: at("2026-11-02T10:00:00+07:00") },
      { fromStatus: "assigned", toStatus: "in_progress", createdAt: at("2026-11-03T09:00:00+07:00") },
    ]);
    expect(pauses).toEqual([]);
  });
});
