import { describe, expect, it } from "vitest";
import { foldDiacritics } from "../../knowledge/normalize.js";
import { BEHAVIORS, jsonLines, type LabelledConversation, labelProblems } from "./labelled-sets.js";

describe.each([
  ["life-conversations.jsonl", /^lc-\d{2}$/],
  ["popular-conversations.jsonl", /^pc-\d{2}$/],
])("the conversations of %s", (file, idPattern) => {
  const conversations = jsonLines<LabelledConversation>(`scripts/bench/${file}`);
  const turns = conversations.flatMap((c) => c.turns);

  it("holds 32 conversations of two to four turns with unique ids", () => {
    expect(conversations).toHaveLength(32);
    expect(new Set(conversations.map((c) => c.id)).size).toBe(conversations.length);
    for (const c of conversations) {
      expect(c.id).toMatch(idPattern);
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

  it("measures every behaviour and turns typed without diacritics", () => {
    expect([...new Set(turns.map((t) => t.behavior))].sort()).toEqual([...BEHAVIORS].sort());
    const plain = turns.filter((t) => foldDiacritics(t.q.normalize("NFC")) === t.q.normalize("NFC"));
    expect(plain.length / turns.length).toBeGreaterThan(0.3);
  });
});
