import { describe, expect, it } from "vitest";
import { normalizeTokens } from "../../../knowledge/normalize.js";
import { bundledAskCues } from "../../../knowledge/search/ask-cues.js";
import { splitClauses } from "../../../knowledge/search/clauses.js";

const split = (text: string) => {
  const { tokens, clauses } = splitClauses({ cues: bundledAskCues() }, text);
  return clauses.map((c) => tokens.slice(c.start, c.end).join(" "));
};

describe("splitting a message into clauses", () => {
  it("cuts at punctuation and line breaks, keeping the tokens a search would use", () => {
    const text = "Con em sinh hôm 20/9.\nGiấy chứng sinh có rồi; làm khai sinh ở đâu?";
    const { tokens } = splitClauses({ cues: bundledAskCues() }, text);
    expect(tokens).toEqual(normalizeTokens(text));
    expect(split(text)).toEqual(["con em sinh hom 20 9", "giay chung sinh co roi", "lam khai sinh o dau"]);
  });

  it("cuts an unpunctuated, unaccented message before discourse cues", () => {
    expect(split("bo e mat hom qua o que cho e hoi lam khai tu can gi")).toEqual([
      "bo em mat hom qua o que",
      "cho em hoi lam khai tu can gi",
    ]);
    expect(split("nha minh o xa nay bay gio muon chuyen ho khau thi lam sao")).toEqual([
      "nha minh o xa nay",
      "bay gio muon chuyen ho khau",
      "thi lam sao",
    ]);
  });

  it("does not cut inside numbers", () => {
    expect(split("phí 1.000.000 đồng, 2,5 triệu")).toEqual(["phi 1 000 000 dong", "2 5 trieu"]);
  });

  it("marks the clause a question mark ends", () => {
    const { clauses } = splitClauses({ cues: bundledAskCues() }, "Tôi ở quê. Làm sổ đỏ ở đâu?");
    expect(clauses.map((c) => c.questionMark)).toEqual([false, true]);
    expect(clauses.map((c) => c.sentenceStart)).toEqual([true, true]);
  });

  it("does not cut at words that only fold onto a cue: by their diacritics, or by a plain phrase", () => {
    // Typed with diacritics, "mã" and "má" are not "mà", "thị" is not "thì".
    expect(split("má em cần mã số thuế để xin thị thực thì làm sao")).toEqual([
      "ma em can ma so thue de xin thi thuc",
      "thi lam sao",
    ]);
    // Typed without them, "ma so", "thi lai" and "bao gio" read as a code, a retake and "when".
    expect(split("em can ma so thue thi lai ly thuyet bao gio co ket qua")).toEqual([
      "em can ma so thue thi lai li thuyet bao gio co ket qua",
    ]);
  });
});
