import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

describe("bench:redaction", () => {
  const dir = mkdtempSync(join(tmpdir(), "motcua-redaction-bench-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints one JSON report: recall per kind of personal data and over-redaction, on every set", async () => {
    // The answered examples file is not in the repository: the hand-checked texts stand in for it
    // (as questions and as answers).
    const sample = JSON.parse(
      readFileSync(new URL("../feedback/fixtures/redaction-sample.json", import.meta.url), "utf8"),
    ) as { items: { id: string; text: string }[] };
    const input = join(dir, "examples.jsonl");
    writeFileSync(
      input,
      sample.items.map((i) => JSON.stringify({ id: i.id, question: i.text, answer: i.text })).join("\n"),
    );
    const { code, stdout, stderr } = await runScript("bench-redaction.ts", ["--input", input]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    for (const set of ["handChecked", "wholeFileAutoGold", "syntheticPersonalData", "heldOutPersonalData"]) {
      expect(report[set].recall, set).toBeGreaterThan(0.8);
      expect(report[set].overRedaction.rate, set).toBeLessThan(0.01);
    }
    expect(Object.keys(report.syntheticPersonalData.byKind).sort()).toEqual(
      ["address", "email", "id", "name", "phone", "plate"].sort(),
    );
    expect(report.ordinarySentences.overRedaction.removedOrdinaryWords).toBe(0);
    // Officers' answers: personal data goes, dates, numbers and the place of the problem stay.
    const answers = report.officersAnswers;
    expect(answers.answers).toBeGreaterThanOrEqual(40);
    expect(answers.personalDataRecall).toBeGreaterThan(0.95);
    expect(answers.mustKeepShare).toBeGreaterThan(0.95);
    expect(answers.mustKeepSpans).toBeGreaterThan(100);
    // The same texts published for a sender whose address shares their hamlet and date numbers.
    expect(report.collidingSenders.texts).toBeGreaterThan(10);
    expect(report.collidingSenders.overRedaction.removedOrdinaryWords).toBe(0);
  }, 60_000);
});
