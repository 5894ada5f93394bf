import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { runScript } from "../helpers/run-script.js";

const jsonl = (dir: string, name: string, rows: unknown[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
  return path;
};
const answer = (id: string, q: string, code: string) => ({
  id,
  q,
  behavior: "answer",
  expect_ids: [code],
  fields: [],
});
const outOfScope = (id: string, q: string) => ({
  id,
  q,
  behavior: "out_of_scope",
  expect_ids: [],
  fields: [],
});

describe("bench:learning", () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-learning-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("learns from the stream's misses and reports before and after, held-back phrasings apart", async () => {
    const wanted = new Set(["1.001193", "1.000656", "1.000894"]);
    const procedures = jsonl(
      dir,
      "procedures.jsonl",
      readProceduresFile(BUNDLED_PROCEDURES_FILE).procedures.filter((p) => wanted.has(p.code)),
    );
    // Odd ids of a procedure are asked (the stream), even ones held back; the first phrasings of
    // birth and death are misses in this three-procedure base, and so are their held-back twins.
    const questions = jsonl(dir, "questions.jsonl", [
      answer("s-01", "bé mới chào đời thì làm thủ tục gì", "1.001193"),
      answer("s-02", "bé nhà em mới chào đời thì phải làm thủ tục gì", "1.001193"),
      answer("s-03", "đăng ký khai sinh cho con cần gì", "1.001193"),
      answer("s-04", "làm giấy khai sinh cho bé ở đâu", "1.001193"),
      answer("s-05", "ông nội mất thì báo cho ai", "1.000656"),
      answer("s-06", "bà nội mất thì phải báo cho ai", "1.000656"),
      answer("s-07", "khai tử cho ông nội cần giấy tờ gì", "1.000656"),
      answer("s-08", "dang ky ket hon can giay to gi", "1.000894"),
      outOfScope("s-09", "giá vàng hôm nay"),
      outOfScope("s-10", "giá vàng sáng nay bao nhiêu"),
      outOfScope("s-11", "hôm nay trời có mưa không"),
    ]);
    const { code, stdout, stderr } = await runScript(
      "bench-learning.ts",
      [
        ...["--procedures", procedures, "--questions", questions],
        ...["--batches", "2", "--limit", "20", "--poll-ms", "200", "--latency-runs", "1"],
      ],
      { timeoutMs: 55_000 },
    );
    expect(code, stderr).toBe(0);
    expect(stderr).toContain("batch 2:");
    const report = JSON.parse(stdout);
    for (const key of ["answeredShare", "top1"]) {
      expect(Object.keys(report[key]).sort(), key).toEqual(["after", "before"]);
      expect(report.stream[key].after, key).toBeGreaterThanOrEqual(report.stream[key].before);
    }
    expect(report.answeredShare.after).toBeGreaterThanOrEqual(report.answeredShare.before);
    expect(report.heldBack.n).toBe(3);
    expect(report.stream.n).toBe(8);
    // The stream's two birth and death misses become links, the gold-price and weather ones noise.
    expect(report.editorActions).toBeGreaterThanOrEqual(3);
    expect(report.editor.link).toBeGreaterThanOrEqual(1);
    expect(report.editor.noise).toBeGreaterThanOrEqual(1);
    // Every answer-labelled stream question is answered after (noise answers nothing: 3 of 8 are out of scope).
    expect(report.stream.answeredShare.after).toBe(0.625);
    expect(report.stream.top1.after).toBe(1);
    expect(Object.keys(report.unsure).sort()).toEqual([
      "answers",
      "flaggedShare",
      "wrongAmongFlagged",
      "wrongFlagged",
    ]);
    expect(report.wrongAfter).toBe(0);
    expect(report.heldBack).toHaveProperty("tune");
    expect(report.heldBack).toHaveProperty("held");
    // The second process saw the edit (the test suite has its PostgreSQL server).
    expect(report.editToAnswerMs.runs).toHaveLength(1);
    expect(report.editToAnswerMs.median).toBeGreaterThanOrEqual(0);
    expect(report.editToAnswerMs.median).toBeLessThan(10_000);
  }, 60_000);
});
