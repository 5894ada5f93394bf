import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

describe("bench:facts", () => {
  it("prints one JSON report: per-field accuracy of the composed answers against facts read from each record", async () => {
    const { code, stdout, stderr } = await runScript("bench-facts.ts", []);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.procedures).toBeGreaterThanOrEqual(40);
    expect(report.missing).toEqual([]);
    for (const field of ["fee", "time", "place", "documents"]) {
      expect(report.accuracy[field].checked, field).toBeGreaterThan(30);
    }
    // A fee headline that says free while the record charges is never acceptable.
    expect(report.accuracy.fee.accuracy).toBe(1);
    expect(report.accuracy.place.accuracy).toBeGreaterThan(0.9);
    for (const failure of report.failures) {
      expect(failure.why.join(" "), failure.code).not.toMatch(/headline says free|fragment/u);
    }
  }, 120_000);
});
