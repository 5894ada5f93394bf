import { describe, expect, it } from "vitest";
import { foldDiacritics } from "../../knowledge/normalize.js";
import {
  BEHAVIORS,
  jsonLines,
  type LabelledAsk,
  type LabelledConversation,
  labelProblems as problemsOf,
} from "./labelled-sets.js";

interface UnseenQuestion extends LabelledAsk {
  id: string;
  unaccented: boolean;
}

const questions = jsonLines<UnseenQuestion>("scripts/bench/unseen-questions.jsonl");
const conversations = jsonLines<LabelledConversation>("scripts/bench/unseen-conversations.jsonl");

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
