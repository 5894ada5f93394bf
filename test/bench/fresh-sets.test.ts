import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import { foldDiacritics } from "../../knowledge/normalize.js";
import { FIELDS } from "../../knowledge/procedure.js";

/** One labelled ask: what a careful officer would answer, in our codes. */
interface LabelledAsk {
  q: string;
  behavior: string;
  expect_ids: string[];
  fields: string[];
}

interface FreshQuestion extends LabelledAsk {
  id: string;
  unaccented: boolean;
}

interface FreshConversation {
  id: string;
  turns: LabelledAsk[];
}

const lines = (path: string) =>
  readFileSync(new URL(`../../${path}`, import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim());

const questionLines = lines("scripts/bench/fresh-questions.jsonl");
const conversationLines = lines("scripts/bench/fresh-conversations.jsonl");

const corpusCodes = new Set(
  gunzipSync(readFileSync(BUNDLED_PROCEDURES_FILE))
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { ma_thu_tuc: string }).ma_thu_tuc),
);

/** The label problems of one ask (empty when it is well formed). */
function labelProblems(where: string, ask: LabelledAsk): string[] {
  const problems: string[] = [];
  if (typeof ask.q !== "string" || ask.q.trim() === "") problems.push(`${where}: empty question`);
  const n = ask.expect_ids?.length ?? -1;
  if (ask.behavior === "answer" && (n < 1 || n > 4)) problems.push(`${where}: answer needs 1–4 codes`);
  if (ask.behavior === "clarify" && (n < 2 || n > 4)) problems.push(`${where}: clarify needs 2–4 codes`);
  if (ask.behavior === "out_of_scope" && n !== 0) problems.push(`${where}: out_of_scope has codes`);
  if (!["answer", "clarify", "out_of_scope"].includes(ask.behavior))
    problems.push(`${where}: unknown behavior ${ask.behavior}`);
  for (const code of ask.expect_ids ?? [])
    if (!corpusCodes.has(code)) problems.push(`${where}: ${code} is not in the bundled corpus`);
  if (new Set(ask.expect_ids).size !== n) problems.push(`${where}: repeated code`);
  for (const f of ask.fields ?? [])
    if (!(FIELDS as readonly string[]).includes(f)) problems.push(`${where}: unknown field ${f}`);
  return problems;
}

describe("fresh held-out questions", () => {
  const questions = questionLines.map((l) => JSON.parse(l) as FreshQuestion);

  it("holds 160 questions with unique ids", () => {
    expect(questions).toHaveLength(160);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const q of questions) expect(q.id).toMatch(/^fr-\d{3}$/);
  });

  it("labels every question with a valid behaviour, codes of our corpus and known fields", () => {
    expect(questions.flatMap((q) => labelProblems(q.id, q))).toEqual([]);
  });

  it("marks as unaccented exactly the questions typed without diacritics", () => {
    const wrong = questions.filter(
      (q) => q.unaccented !== (foldDiacritics(q.q.normalize("NFC")) === q.q.normalize("NFC")),
    );
    expect(wrong.map((q) => q.id)).toEqual([]);
  });
});

describe("fresh held-out conversations", () => {
  const conversations = conversationLines.map((l) => JSON.parse(l) as FreshConversation);

  it("holds 20 conversations of two to four turns with unique ids", () => {
    expect(conversations).toHaveLength(20);
    expect(new Set(conversations.map((c) => c.id)).size).toBe(conversations.length);
    for (const c of conversations) {
      expect(c.id).toMatch(/^frc-\d{2}$/);
      expect(c.turns.length).toBeGreaterThanOrEqual(2);
      expect(c.turns.length).toBeLessThanOrEqual(4);
    }
  });

  it("labels every turn with a valid behaviour, codes of our corpus and known fields", () => {
    const problems = conversations.flatMap((c) =>
      c.turns.flatMap((t, i) => labelProblems(`${c.id}#${i + 1}`, t)),
    );
    expect(problems).toEqual([]);
  });
});
