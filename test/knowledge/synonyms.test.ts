import { describe, expect, it } from "vitest";
import { normalizeTokens } from "../../knowledge/normalize.js";
import { compileSynonyms, loadSynonyms, parseSynonyms } from "../../knowledge/synonyms.js";

describe("synonym dictionary", () => {
  const dict = loadSynonyms();
  const expand = (text: string) =>
    dict
      .find(normalizeTokens(text))
      .map((m) => m.expansion.join(" "))
      .join(" | ");

  it("loads the bundled data file with many rules", () => {
    expect(dict.size).toBeGreaterThan(200);
  });

  it("maps everyday words to official terms, with or without diacritics", () => {
    expect(expand("làm sổ đỏ")).toContain("giay chung nhan quyen su dung dat");
    expect(expand("lam so do")).toContain("giay chung nhan quyen su dung dat");
    expect(expand("đi làm CCCD")).toContain("the can cuoc");
    expect(expand("nhập hộ khẩu cho con")).toContain("thuong tru");
    expect(expand("mở quán cà phê")).toContain("ho kinh doanh");
    expect(expand("bằng lái xe máy")).toContain("giay phep lai xe");
    expect(expand("giấy báo tử")).toContain("khai tu");
    expect(expand("công chứng bản sao")).toContain("chung thuc");
  });

  it("prefers the longest phrase at a position", () => {
    const d = compileSynonyms(parseSynonyms("sổ\tso\nsổ đỏ\tgiấy chứng nhận\n"));
    expect(d.find(normalizeTokens("sổ đỏ")).map((m) => m.expansion.join(" "))).toEqual(["giay chung nhan"]);
  });

  it("ignores comments, blank and malformed lines", () => {
    expect(parseSynonyms("# comment\n\nno tab here\na | b\tc\n")).toEqual([
      { phrases: ["a", "b"], expansion: "c" },
    ]);
  });
});
