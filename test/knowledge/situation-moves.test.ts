import { describe, expect, it } from "vitest";
import type { Decision, KnowledgeBase, SearchContext } from "../../knowledge/decision-types.js";
import { bundledKnowledgeBase } from "../helpers/knowledge.js";

/** Replays a conversation the way the bot keeps its context, returning each turn's decision. */
function converse(kb: KnowledgeBase, messages: string[]): Decision[] {
  let context: SearchContext = {};
  return messages.map((q) => {
    const d = kb.decide(q, context);
    const top = d.hits[0]?.procedure.code;
    if (d.action === "answer" && top)
      context = {
        lastCode: top,
        recentCodes: [top, ...(context.recentCodes ?? []).filter((c) => c !== top)],
      };
    else if (d.action === "clarify")
      context = { ...context, candidateCodes: d.hits.map((h) => h.procedure.code) };
    return d;
  });
}

const answered = (d: Decision | undefined) =>
  d?.action === "answer" ? d.hits[0]?.procedure.name : d?.action;

describe("a follow-up that adds a situation", () => {
  const kb = bundledKnowledgeBase();

  it("moves to the foreign-element variant of the same topic", () => {
    const turns = converse(kb, [
      "đăng ký kết hôn cần giấy tờ gì",
      "nếu vợ sắp cưới là người Nhật Bản thì sao",
    ]);
    expect(answered(turns[1])).toBe("Thủ tục đăng ký kết hôn có yếu tố nước ngoài");
    const death = converse(kb, ["làm giấy khai tử cho bố", "nếu bố em là người nước ngoài thì sao"]);
    expect(answered(death[1])).toBe("Thủ tục đăng ký khai tử có yếu tố nước ngoài");
  });

  it("moves to the child's identity card when a child's age is given, and stays there for aspects", () => {
    const turns = converse(kb, [
      "cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên",
      "con em 8 tuổi thì sao",
      "lệ phí thế nào",
    ]);
    expect(answered(turns[1])).toContain("Cấp thẻ căn cước cho người dưới 14 tuổi");
    expect(answered(turns[2])).toBe(answered(turns[1]));
  });

  it("stays when the last procedure already fits the situation", () => {
    const adult = converse(kb, [
      "cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên",
      "mẹ em 60 tuổi có phải làm không",
    ]);
    expect(answered(adult[1])).toBe(answered(adult[0]));
    const lost = converse(kb, ["cấp lại giấy phép lái xe", "bị mất thì cần giấy tờ gì"]);
    expect(answered(lost[1])).toBe("Cấp lại giấy phép lái xe");
  });

  it("does not move to a combined procedure that only shares the topic", () => {
    const turns = converse(kb, ["đăng ký khai sinh", "con em mới sinh được 2 tuần"]);
    expect(answered(turns[1])).toBe("Thủ tục đăng ký khai sinh");
  });

  it("answers a new topic the conversation settles instead of offering a lost-paper report", () => {
    const turns = converse(kb, [
      "cấp thẻ căn cước cho người dưới 14 tuổi",
      "làm xong thì xin luôn hộ chiếu cho cháu nhé",
    ]);
    expect(turns[1]?.action).toBe("answer");
    expect(answered(turns[1])).toContain("Cấp hộ chiếu phổ thông");
  });

  it("still switches to a new topic that merely mentions a situation", () => {
    const turns = converse(kb, [
      "cho thuê nhà mỗi tháng 10 triệu thì khai thuế ở đâu",
      "còn lệ phí trước bạ khi sang tên nhà thì cần giấy gì",
    ]);
    expect(answered(turns[1])).toContain("Khai lệ phí trước bạ nhà, đất");
  });

  it("reads a child born abroad as the foreign-element birth registration", () => {
    const turns = converse(kb, ["đăng ký khai sinh cho bé", "ủa mà bé sinh ở nước ngoài thì sao"]);
    expect(answered(turns[1])).toBe("Thủ tục đăng ký khai sinh có yếu tố nước ngoài");
  });
});
