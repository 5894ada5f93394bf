import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import { foldDiacritics } from "../../knowledge/normalize.js";
import { FIELDS } from "../../knowledge/procedure.js";

/** One labelled ask of the unseen sets: what a careful officer would answer, in our codes. */
interface UnseenAsk {
  q: string;
  behavior: string;
  expect_ids: string[];
  fields: string[];
}

interface UnseenQuestion extends UnseenAsk {
  id: string;
  unaccented: boolean;
}

interface UnseenConversation {
  id: string;
  turns: UnseenAsk[];
}

const BEHAVIORS = ["answer", "clarify", "out_of_scope"];

/** The non-empty lines of a repository file, each parsed as JSON (a parse error fails the suite). */
function jsonLines<T>(path: string): T[] {
  return readFileSync(new URL(`../../${path}`, import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

const questions = jsonLines<UnseenQuestion>("scripts/bench/unseen-questions.jsonl");
const conversations = jsonLines<UnseenConversation>("scripts/bench/unseen-conversations.jsonl");

const corpusCodes = new Set(
  gunzipSync(readFileSync(BUNDLED_PROCEDURES_FILE))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { ma_thu_tuc: string }).ma_thu_tuc),
);

/** Every way one ask breaks the labelling rules (empty when it is well formed). */
function problemsOf(where: string, ask: UnseenAsk): string[] {
  const problems: string[] = [];
  const codes = ask.expect_ids ?? [];
  if (typeof ask.q !== "string" || ask.q.trim() === "") problems.push(`${where}: empty question`);
  if (!BEHAVIORS.includes(ask.behavior)) problems.push(`${where}: unknown behavior ${ask.behavior}`);
  if (ask.behavior === "answer" && (codes.length < 1 || codes.length > 4))
    problems.push(`${where}: an answer names 1 to 4 codes`);
  if (ask.behavior === "clarify" && (codes.length < 2 || codes.length > 4))
    problems.push(`${where}: a clarify names 2 to 4 candidates`);
  if (ask.behavior === "out_of_scope" && codes.length !== 0)
    problems.push(`${where}: out_of_scope names no code`);
  if (new Set(codes).size !== codes.length) problems.push(`${where}: a code is repeated`);
  for (const code of codes)
    if (!corpusCodes.has(code)) problems.push(`${where}: ${code} is not in the bundled corpus`);
  if (!Array.isArray(ask.fields)) problems.push(`${where}: fields must be a list`);
  for (const field of ask.fields ?? [])
    if (!(FIELDS as readonly string[]).includes(field)) problems.push(`${where}: unknown field ${field}`);
  return problems;
}

describe("unseen held-out questions", () => {
  it("holds 160 questions with unique uq-NNN ids", () => {
    expect(questions).toHaveLength(160);
    for (const q of questions) expect(q.id).toMatch(/^uq-\d{3}$/);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
  });

  it("labels every question with a valid behaviour, codes of our corpus and known fields", () => {
    expect(questions.flatMap((q) => problemsOf(q.id, q))).toEqual([]);
  });

  it("marks as unaccented exactly the questions typed without diacritics", () => {
    const wrong = questions.filter((q) => {
      const text = q.q.normalize("NFC");
      return q.unaccented !== (foldDiacritics(text) === text);
    });
    expect(wrong.map((q) => q.id)).toEqual([]);
  });

  it("uses every behaviour, so answer, clarify and refusal are all measured", () => {
    const seen = new Set(questions.map((q) => q.behavior));
    expect([...seen].sort()).toEqual([...BEHAVIORS].sort());
  });
});

describe("unseen held-out conversations", () => {
  it("holds 24 conversations of 2 to 4 turns with unique uqc-NN ids", () => {
    expect(conversations).toHaveLength(24);
    for (const c of conversations) {
      expect(c.id).toMatch(/^uqc-\d{2}$/);
      expect(c.turns.length).toBeGreaterThanOrEqual(2);
      expect(c.turns.length).toBeLessThanOrEqual(4);
    }
    expect(new Set(conversations.map((c) => c.id)).size).toBe(conversations.length);
  });

  it("labels every turn with a valid behaviour, codes of our corpus and known fields", () => {
    expect(
      conversations.flatMap((c) => c.turns.flatMap((t, i) => problemsOf(`${c.id}#${i + 1}`, t))),
    ).toEqual([]);
  });
});
