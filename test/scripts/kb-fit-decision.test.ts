import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { BUNDLED_SEARCH_WEIGHTS_FILE, parseSearchWeights } from "../../knowledge/search/search-weights.js";
import { decisionGridFor } from "../../scripts/bench/fit-decision.js";
import { runScript } from "../helpers/run-script.js";

/** A small corpus, questions and conversations on both sides of the TUNE / HELD split (by id). */
function fixture(): { dir: string; args: string[]; weights: string } {
  const dir = mkdtempSync(join(tmpdir(), "kb-fit-decision-"));
  const wanted = new Set(["1.001193", "1.000656", "1.000894"]);
  const procedures = readProceduresFile(BUNDLED_PROCEDURES_FILE).procedures.filter((p) => wanted.has(p.code));
  const kb = join(dir, "procedures.jsonl");
  writeFileSync(kb, `${procedures.map((p) => JSON.stringify(p)).join("\n")}\n`);
  const q = (id: string, text: string, behavior: string, expect_ids: string[] = []) =>
    JSON.stringify({ id, q: text, behavior, expect_ids, fields: [] });
  const questions = join(dir, "questions.jsonl");
  writeFileSync(
    questions,
    `${[
      q("t2", "đăng ký khai sinh cho con cần giấy tờ gì", "answer", ["1.001193"]),
      q("t3", "hôm nay trời có mưa không", "out_of_scope"),
      q("t7", "khai tử cho ông nội thì bao lâu có kết quả", "answer", ["1.000656"]),
      q("t1", "bí mật held: đăng ký khai sinh quá hạn", "answer", ["1.001193"]),
      q("t4", "bí mật held: giá vàng hôm nay", "out_of_scope"),
    ].join("\n")}\n`,
  );
  const turn = (text: string, behavior: string, expect_ids: string[] = []) => ({
    q: text,
    behavior,
    expect_ids,
    fields: [],
  });
  const conversations = join(dir, "conversations.jsonl");
  writeFileSync(
    conversations,
    `${[
      {
        id: "c1",
        turns: [
          turn("đăng ký khai sinh", "answer", ["1.001193"]),
          turn("phí bao nhiêu", "answer", ["1.001193"]),
        ],
      },
      {
        id: "c3",
        turns: [turn("khai tử cần gì", "answer", ["1.000656"]), turn("mất bao lâu", "answer", ["1.000656"])],
      },
    ]
      .map((c) => JSON.stringify(c))
      .join("\n")}\n`,
  );
  const weights = join(dir, "weights.json");
  copyFileSync(BUNDLED_SEARCH_WEIGHTS_FILE, weights);
  const args = ["--decision", "--procedures", kb, "--questions", questions, "--conversations", conversations];
  return { dir, args: [...args, "--weights", weights], weights };
}

describe("kb:fit --decision", () => {
  it("fits the decision thresholds on TUNE, prints HELD as numbers only, and --write records them", async () => {
    const { args, weights } = fixture();
    const before = parseSearchWeights(readFileSync(weights, "utf8"));

    const { code, stdout, stderr } = await runScript("kb-fit.ts", [
      ...args,
      "--only",
      "minScore,siblingRatio",
      "--write",
    ]);

    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.tune.before).toMatchObject({ questions: 3, turns: 2 });
    expect(result.held.after).toMatchObject({ questions: 2, turns: 2 });
    for (const s of [result.tune.before, result.tune.after, result.held.before, result.held.after]) {
      expect(s.questionsRight).toBe(Math.round(s.behaviour * s.questions));
      expect(s.turnsRightCount).toBe(Math.round(s.turnsRight * s.turns));
    }
    // HELD questions are never shown one by one, and only the chosen thresholds were tried.
    expect(`${stdout}${stderr}`).not.toContain("bí mật held");
    expect(stderr).toMatch(/decision\.minScore: /);
    expect(stderr).toMatch(/followUp\.siblingRatio: /);
    expect(stderr).not.toMatch(/weakScore/);

    const written = parseSearchWeights(readFileSync(weights, "utf8"));
    expect(written.rank).toEqual(before.rank);
    expect(written.fitted).toEqual(before.fitted);
    expect(written.decision).toEqual(result.decision.after);
    expect(written.followUp).toEqual(result.followUp.after);
    expect(written.situationMove).toEqual(before.situationMove);
    const untouched = { ...before.decision, minScore: written.decision.minScore };
    expect(written.decision).toEqual(untouched);
    expect(written.fittedDecision).toMatchObject({ tune: result.tune.after, held: result.held.after });
    expect(written.fittedDecision?.on).toContain("conversations.jsonl");
  }, 120_000);

  it("refuses a threshold it does not know, naming it, and leaves the file alone", async () => {
    const { args, weights } = fixture();
    const text = readFileSync(weights, "utf8");

    const { code, stderr } = await runScript("kb-fit.ts", [...args, "--only", "minScor", "--write"]);

    expect(code).not.toBe(0);
    expect(stderr).toContain('--only: "minScor" is not a decision threshold');
    expect(readFileSync(weights, "utf8")).toBe(text);
  }, 60_000);

  it("tries whole steps for counts and keeps shares within 0..1", () => {
    expect(decisionGridFor("maxCandidates", 5)).toEqual([3, 4, 6, 7]);
    expect(decisionGridFor("clarifyMinContenders", 2)).toEqual([1, 3, 4]);
    const shares = decisionGridFor("clarifyMaxNameCoverage", 0.7);
    expect(Math.max(...shares)).toBe(1);
    expect(shares).not.toContain(0.7);
    expect(decisionGridFor("refineMargin", 1.15)).toContain(1.725);
  });
});
