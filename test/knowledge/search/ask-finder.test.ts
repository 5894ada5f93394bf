import { describe, expect, it } from "vitest";
import { bundledAskCues } from "../../../knowledge/search/ask-cues.js";
import { findAsks } from "../../../knowledge/search/ask-finder.js";
import { splitClauses } from "../../../knowledge/search/clauses.js";
import { isFiller } from "../../../knowledge/search/query.js";

/** The asked words of a message (topic words: not filler; field words are left to the query). */
function asks(text: string): string[] {
  const cues = bundledAskCues();
  const { tokens, clauses } = splitClauses({ cues }, text);
  const reading = findAsks({ cues }, { tokens, clauses, topical: tokens.map((t) => !isFiller(t)) });
  return reading.asks.map((s) => tokens.slice(s.start, s.end).join(" "));
}

describe("finding what a message asks", () => {
  it("finds the question after a long story", () => {
    expect(
      asks(
        "Chào anh chị, vợ em vừa sinh bé ở bệnh viện huyện hôm thứ hai, giấy chứng sinh có rồi. Giờ làm khai sinh cho bé ở đâu ạ?",
      ),
    ).toEqual(["gio lam khai sinh cho be o dau a"]);
  });

  it("reads a short ask together with the clause it is about", () => {
    expect(asks("mẹ tôi mất rồi, tôi đi làm khai tử thì làm sao")).toEqual([
      "toi di lam khai tu thi lam sao",
    ]);
  });

  it("takes a negated question word for a statement, but 'không biết …' for an ask", () => {
    expect(asks("con em ốm không đi đâu được, giờ em muốn xin giấy tạm vắng")).toEqual([
      "gio em muon xin giay tam vang",
    ]);
    expect(asks("em không biết làm giấy tạm vắng ở đâu")).toEqual(["em khong biet lam giay tam vang o dau"]);
  });

  it("keeps two asks about two topics apart", () => {
    expect(asks("làm khai sinh cho bé ở đâu, với lại đăng ký thường trú cho bé cần giấy tờ gì")).toEqual([
      "lam khai sinh cho be o dau",
      "voi lai dang ki thuong tru cho be can giay to gi",
    ]);
  });

  it("takes the last sentence for the request when no sentence asks", () => {
    expect(asks("Tôi ở quê lên thành phố làm công nhân. Đăng ký tạm trú")).toEqual(["dang ki tam tru"]);
  });
});
