import { describe, expect, it } from "vitest";
import { foldDiacritics } from "../../knowledge/normalize.js";
import { BEHAVIORS, conversationProblems, jsonLines, type LabelledConversation } from "./labelled-sets.js";

describe.each([
  ["life-conversations.jsonl", /^lc-\d{2}$/],
  ["popular-conversations.jsonl", /^pc-\d{2}$/],
])("the conversations of %s", (file, idPattern) => {
  const conversations = jsonLines<LabelledConversation>(`scripts/bench/${file}`);
  const turns = conversations.flatMap((c) => c.turns);

  it("holds 32 well-formed conversations: ids, two to four turns, valid labels", () => {
    expect(conversations).toHaveLength(32);
    expect(conversationProblems(conversations, idPattern)).toEqual([]);
  });

  it("measures every behaviour and turns typed without diacritics", () => {
    expect([...new Set(turns.map((t) => t.behavior))].sort()).toEqual([...BEHAVIORS].sort());
    const plain = turns.filter((t) => foldDiacritics(t.q.normalize("NFC")) === t.q.normalize("NFC"));
    expect(plain.length / turns.length).toBeGreaterThan(0.3);
  });
});
