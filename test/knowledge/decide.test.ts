import { describe, expect, it } from "vitest";
import { DECISION } from "../../knowledge/decide.js";
import { hitEvidence } from "../../knowledge/hit-evidence.js";
import { analyzeQuery } from "../../knowledge/search/query.js";
import { SearchIndex } from "../../knowledge/search-index.js";
import { compileSynonyms } from "../../knowledge/synonyms.js";
import { bundledKnowledgeBase } from "../helpers/knowledge.js";
import { makeProcedure } from "../helpers/procedures.js";

describe("the fresh decision", () => {
  const kb = bundledKnowledgeBase();

  it("says a topic is not here when the best procedure only shares loose syllables with it", () => {
    for (const q of [
      "xin phép nuôi chó trong khu dân cư",
      "làm thẻ thư viện tỉnh",
      "đăng ký cho con đi học bơi ở nhà văn hóa",
    ]) {
      expect(kb.decide(q).action, q).toBe("out_of_scope");
    }
  });

  it("still answers messages that name their procedure, however short or long", () => {
    const cases: Array<[string, string]> = [
      ["đăng ký khai sinh cho con", "Thủ tục đăng ký khai sinh"],
      ["đăng ký kết hôn với người nước ngoài", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài"],
      ["mất sổ đỏ thì xin cấp lại thế nào", "Cấp lại Giấy chứng nhận"],
    ];
    for (const [q, name] of cases) {
      const d = kb.decide(q);
      expect(d.action, q).toBe("answer");
      expect(d.hits[0]?.procedure.name, q).toContain(name);
    }
  });

  it("answers a plain ask however long the reason or the story told around it", () => {
    const d = kb.decide(
      "Tôi muốn đổi tên cho con trai 9 tuổi vì tên bây giờ trùng tên ông nội, các cụ trong họ không đồng ý, có được không?",
    );
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.name).toContain("thay đổi, cải chính, bổ sung thông tin hộ tịch");
  });

  it("answers the common procedure when its close rival is made for a situation the message leaves unsaid", () => {
    const d = kb.decide("bà em mất tuần trước, đi khai tử có cần giấy gì không");
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.name).toBe("Thủ tục đăng ký khai tử");
    const foreign = kb.decide("khai tử cho chồng là người nước ngoài");
    expect(foreign.hits[0]?.procedure.name).toBe("Thủ tục đăng ký khai tử có yếu tố nước ngoài");
  });

  it("answers a long story that names its procedure, and still not small talk", () => {
    const story = kb.decide(
      "Hôm qua mẹ tôi mất ở bệnh viện tỉnh, cả nhà đang lo hậu sự, giờ tôi cần làm giấy khai tử ở đâu?",
    );
    expect(story.action).toBe("answer");
    expect(story.hits[0]?.procedure.name).toBe("Thủ tục đăng ký khai tử");
    expect(kb.decide("xin chào cho hỏi hôm nay trời mưa to quá có được nghỉ làm không").action).toBe(
      "out_of_scope",
    );
  });
});

describe("hit evidence", () => {
  const p = (code: string, name: string) =>
    makeProcedure({ code, name, levels: ["Cấp xã"], field: "", aliases: [], popularity: 0 });
  const index = new SearchIndex([
    p("1", "Hỗ trợ đào tạo nghề cho người chuyển đổi từ nuôi cá sang tàu khách"),
    p("2", "Đăng ký tàu cá"),
  ]);
  const analyze = (text: string) =>
    analyzeQuery(text, compileSynonyms([], index.vocabulary), index.vocabulary);

  it("finds a message's word pair in a name that holds it, and not in one that scatters its syllables", () => {
    const query = analyze("cho hỏi về tàu cá");
    const [scattered, together] = [0, 1].map((doc) =>
      hitEvidence(index, query, { doc, score: 1, queryCoverage: 1, nameCoverage: 1 }),
    );
    expect(together?.pairCoverage).toBeGreaterThan(scattered?.pairCoverage ?? 1);
    expect(scattered?.pairCoverage).toBeLessThan(DECISION.weakPairCoverage);
  });
});
