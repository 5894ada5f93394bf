import { describe, expect, it } from "vitest";
import { normalizeTokens } from "../../../knowledge/normalize.js";
import { bundledVagueWords, parseVagueWords, vagueAsk } from "../../../knowledge/search/vague-words.js";
import { bundledKnowledgeBase } from "../../helpers/knowledge.js";

describe("vague everyday words", () => {
  const list = parseVagueWords(
    "# comment\nvague\tsổ\tsổ đỏ | sổ bảo hiểm xã hội\nvague\ttách sổ\ttách thửa | tách hộ\nvague\tthẻ\tthẻ căn cước\ngeneric\tlàm lại | bị mất\n",
  );
  const ask = (text: string) => {
    const tokens = normalizeTokens(text);
    return vagueAsk(list, tokens, tokens);
  };

  it("reads the rows, the longest phrase first, and skips a phrase with one reading", () => {
    expect(list.words.map((w) => w.phrase.join(" "))).toEqual(["tach so", "so"]);
    expect(bundledVagueWords().words.length).toBeGreaterThan(3);
  });

  it("finds a phrase the message rests on alone, and none when another word names the paper", () => {
    expect(ask("làm lại sổ bị mất")?.readings).toEqual(["sổ đỏ", "sổ bảo hiểm xã hội"]);
    expect(ask("tach so")?.readings).toEqual(["tách thửa", "tách hộ"]);
    expect(ask("sổ đỏ bị mất")).toBeUndefined();
    expect(ask("làm lại sổ bảo hiểm")).toBeUndefined();
  });

  it("reads a phrase that is vague only with a word of loss as plain without it", () => {
    const lost = parseVagueWords(
      "vague\tgiấy khai sinh\tbản sao giấy khai sinh | đăng ký lại khai sinh\tmất | làm lại\ngeneric\tlàm | xin\n",
    );
    const read = (text: string) => {
      const tokens = normalizeTokens(text);
      return vagueAsk(lost, tokens, tokens)?.readings.length ?? 0;
    };
    expect(read("mất giấy khai sinh")).toBe(2);
    expect(read("xin làm lại giấy khai sinh")).toBe(2);
    expect(read("làm giấy khai sinh")).toBe(0);
    const kb = bundledKnowledgeBase();
    expect(kb.decide("làm lại giấy khai sinh bị mất").action).toBe("clarify");
    expect(kb.decide("làm giấy khai sinh cho con").action).toBe("answer");
    expect(kb.decide("giấy khai sinh bị mất, xin bản sao ở đâu").action).toBe("answer");
  });

  it("makes the bot ask which paper instead of guessing", () => {
    const kb = bundledKnowledgeBase();
    const lost = kb.decide("cấp lại sổ bị mất");
    expect(lost.action).toBe("clarify");
    expect(lost.hits.map((h) => h.procedure.name)).toEqual([
      "Cấp lại Giấy chứng nhận do bị mất",
      expect.stringMatching(/sổ BHXH/),
    ]);
    const split = kb.decide("tach so");
    expect(split.action).toBe("clarify");
    expect(split.hits.map((h) => h.procedure.name)).toContain("Tách hộ");
    const picked = kb.decide("sổ đỏ ạ, chia đất cho con", {
      candidateCodes: split.hits.map((h) => h.procedure.code),
    });
    expect(picked.action).toBe("answer");
    expect(picked.hits[0]?.procedure.name).toMatch(/^Tách thửa/);
    expect(kb.decide("sổ đỏ bị mất").action).toBe("answer");
  });
});
