import { describe, expect, it } from "vitest";
import { jsonLines, type LabelledAsk, labelProblems } from "./labelled-sets.js";

interface VocabularyQuestion extends LabelledAsk {
  id: string;
}

const questions = jsonLines<VocabularyQuestion>("scripts/bench/vocabulary-questions.jsonl");

describe("vocabulary checks (questions written with the dictionary rows, procedure by procedure)", () => {
  it("holds well-labelled questions with unique vqK-NNN ids, each answered by one of our procedures", () => {
    expect(questions.length).toBeGreaterThan(800);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const q of questions) expect(q.id).toMatch(/^vq\d-\d{3}$/);
    expect(questions.flatMap((q) => labelProblems(q.id, q))).toEqual([]);
    expect(questions.every((q) => q.behavior === "answer")).toBe(true);
  });
});
