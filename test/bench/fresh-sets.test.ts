import { describe, expect, it } from "vitest";
import { foldDiacritics } from "../../knowledge/normalize.js";
import {
  conversationProblems,
  jsonLines,
  type LabelledAsk,
  type LabelledConversation,
  labelProblems,
} from "./labelled-sets.js";

interface FreshQuestion extends LabelledAsk {
  id: string;
  unaccented: boolean;
}

const questions = jsonLines<FreshQuestion>("scripts/bench/fresh-questions.jsonl");
const conversations = jsonLines<LabelledConversation>("scripts/bench/fresh-conversations.jsonl");

describe("fresh held-out questions", () => {
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
  it("holds 20 well-formed conversations: frc-NN ids, two to four turns, valid labels", () => {
    expect(conversations).toHaveLength(20);
    expect(conversationProblems(conversations, /^frc-\d{2}$/)).toEqual([]);
  });
});
