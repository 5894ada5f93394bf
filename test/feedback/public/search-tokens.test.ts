import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { searchTokens } from "../../../feedback/public/search-tokens.js";
import { foldTokens } from "../../../knowledge/normalize.js";

describe("words of the public search", () => {
  it("fold exactly as the knowledge base folds them, on real answered PAKN and odd characters", () => {
    const rows = readFileSync(
      new URL("../../../../shared/data/pakn-answered-examples.jsonl", import.meta.url),
      "utf8",
    )
      .split("\n")
      .filter(Boolean)
      .slice(0, 60)
      .map((l) => JSON.parse(l) as { question: string; answer: string });
    const odd = [
      "ĐẤT ĐAI, Sỹ/kỹ thuật",
      "e\u0301 \u0301x ngập",
      "İstanbul ǅ ß ﬁ 😡ngập 𝐀bc 中文",
      "tab\tnew\nline—dash…",
    ];
    for (const text of [...rows.flatMap((r) => [r.question, r.answer]), ...odd])
      for (const variant of [text, text.toUpperCase(), text.normalize("NFD")])
        expect(searchTokens(variant)).toEqual(foldTokens(variant));
  });
});
