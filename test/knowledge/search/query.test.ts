import { describe, expect, it } from "vitest";
import { analyzeQuery, isFiller, parseFillerWords } from "../../../knowledge/search/query.js";
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

  it("never reads an everyday phrase across two clauses", () => {
    const dict = compileSynonyms(parseSynonyms("mất sổ đỏ\tcấp lại giấy chứng nhận do bị mất\n"));
    const across = analyzeQuery("bố mất, sổ đỏ đứng tên bố", dict, new Set());
    expect(across.terms.some((t) => t.expansion)).toBe(false);
    const within = analyzeQuery("nhà em mất sổ đỏ rồi", dict, new Set());
    expect(within.terms.some((t) => t.expansion && t.term === "lai")).toBe(true);
  });

  it("reads the filler words from reviewed data, a spelled topic word staying topical", () => {
    const parsed = parseFillerWords("# comment\nfiller\tmuon can\nspelled\tBán | hội\n");
    expect([...parsed.filler]).toEqual(["muon", "can"]);
    expect([...parsed.spelled]).toEqual(["bán", "hội"]);
    expect(isFiller("muon")).toBe(true);
    expect(isFiller("khai")).toBe(false);
    // "bán nhà" names a sale; "bạn" (folded alike) is only a pronoun.
    const none = new Set<string>();
    const empty = compileSynonyms([]);
    expect(analyzeQuery("bán nhà cần gì", empty, none).topicTokens).toContain("ban");
    expect(analyzeQuery("bạn ơi nhà cần gì", empty, none).topicTokens).not.toContain("ban");
  });
});
