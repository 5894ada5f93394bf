import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledAskCues } from "../../knowledge/search/ask-cues.js";
import { splitClauses } from "../../knowledge/search/clauses.js";
import { BUNDLED_SYNONYMS_FILE, loadSynonyms, parseSynonyms } from "../../knowledge/synonyms.js";

describe("the bundled dictionary's rows", () => {
  const rows = parseSynonyms(readFileSync(BUNDLED_SYNONYMS_FILE, "utf8")).filter((r) => !r.gap);
  const dict = loadSynonyms();
  const cues = bundledAskCues();

  it("can all fire: no phrase runs across a clause break ('thì', 'mà', 'vậy' …) a message is cut at", () => {
    const dead: string[] = [];
    for (const row of rows)
      for (const phrase of row.phrases) {
        const { tokens, clauses } = splitClauses({ cues }, phrase);
        const whole = dict.find(tokens).some((m) => m.start === 0 && m.length >= tokens.length);
        if (clauses.length !== 1 || !whole) dead.push(phrase);
      }
    expect(dead).toEqual([]);
  });
});
