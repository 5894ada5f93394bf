import { describe, expect, it } from "vitest";
import { analyzeQuery } from "../../../knowledge/search/query.js";
import { compileSynonyms, parseSynonyms } from "../../../knowledge/synonyms.js";

describe("analyzeQuery", () => {
  const synonyms = compileSynonyms(
    parseSynonyms("lên thổ cư | chuyển đất vườn\tchuyển mục đích sử dụng đất\n"),
    new Set(["chuyen", "muc", "dich", "su", "dung", "dat"]),
  );

  it("reads two everyday phrases of one meaning as one thing to cover, covered by its official words", () => {
    const q = analyzeQuery("chuyển đất vườn lên thổ cư", synonyms, new Set());
    expect(q.slotCount).toBe(1);
    expect(q.terms.filter((t) => t.expansion).every((t) => t.slot === 0)).toBe(true);
  });
});
