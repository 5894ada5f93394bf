import { describe, expect, it } from "vitest";
import { parseRedactionWords, REDACTION_WORDS } from "../../feedback/redact-words.js";

describe("the reviewed word lists of redaction", () => {
  it("reads the bundled file: every digit word has its digit", () => {
    const digits = new Map(REDACTION_WORDS.digit.map((d) => [d.word, d.value]));
    expect(digits.get("không")).toBe("0");
    expect(digits.get("chín")).toBe("9");
    expect(REDACTION_WORDS["birth-lead"].map((w) => w.word)).toContain("sinh ngày");
    expect(REDACTION_WORDS["home-lead"].map((w) => w.word)).toContain("trú tại");
    expect(REDACTION_WORDS["home-verb"].map((w) => w.word)).toContain("ở");
  });

  it("refuses a misspelt list name or a digit word without its digit, naming the line", () => {
    expect(() => parseRedactionWords("# c\ndigits\tmột\t1\n")).toThrow(/line 2/);
    expect(() => parseRedactionWords("digit\tmột\n")).toThrow(/line 1/);
    expect(parseRedactionWords("honorific\tông\n\n# note\n").honorific).toEqual([{ word: "ông" }]);
  });
});
