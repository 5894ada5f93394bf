import { describe, expect, it } from "vitest";
import type { SearchContext } from "../../knowledge/decision-types.js";
import { bundledKnowledgeBase } from "../helpers/knowledge.js";

describe("a message after a clarify question", () => {
  const kb = bundledKnowledgeBase();
  const clarified = (q: string): SearchContext => {
    const d = kb.decide(q);
    expect(d.action, q).toBe("clarify");
    return { candidateCodes: d.hits.map((h) => h.procedure.code) };
  };

  it("picks the candidate the reply names by what sets it apart, or by its position", () => {
    // Three health-insurance procedures offered as choices (a card, a hospital's contract, enrolment).
    const context: SearchContext = { candidateCodes: ["1.001939", "1.001798", "1.002051"] };
    const named = kb.decide("ký hợp đồng khám chữa bệnh ấy", context);
    expect(named.action).toBe("answer");
    expect(named.hits[0]?.procedure.name).toContain("Ký hợp đồng khám, chữa bệnh BHYT");
    const first = kb.decide("cái thứ nhất", context);
    expect(first.hits[0]?.procedure.code).toBe(context.candidateCodes?.[0]);
  });

  it("keeps an aspect-only reply on the candidates instead of saying nothing was found", () => {
    const context = clarified("đăng ký hộ kinh doanh");
    const d = kb.decide("mất bao lâu", context);
    expect(d.action).not.toBe("out_of_scope");
    expect(context.candidateCodes).toContain(d.hits[0]?.procedure.code);
  });

  it("does not read an unrelated question that finds nothing as a pick among the candidates", () => {
    const context = clarified("xin giấy phép");
    const d = kb.decide("mở lớp dạy nhảy ở nhà văn hóa thì mất bao lâu", context);
    expect(d.action).toBe("out_of_scope");
  });
});

describe("a new topic after an answer", () => {
  const kb = bundledKnowledgeBase();
  const followUp = (first: string, next: string) => {
    const d = kb.decide(first);
    const code = d.hits[0]?.procedure.code;
    expect(d.action, first).toBe("answer");
    return kb.decide(next, { lastCode: code, recentCodes: code ? [code] : [] });
  };

  it("moves to the sibling a marked common word names", () => {
    const d = followUp("cấp lại giấy phép lái xe", "còn đổi thì sao");
    expect(d.hits[0]?.procedure.name).toBe("Đổi giấy phép lái xe");
  });

  it("keeps the conversation's topic when a sibling names as much of the message as a new topic", () => {
    const d = followUp("đăng ký xe máy mới mua", "nếu là xe nhập khẩu nguyên chiếc thì thế nào");
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.name).toMatch(/^Đăng ký.* xe .*nhập khẩu/);
  });

  it("reads the everyday word for the last paper as the same topic when a situation is added", () => {
    const d = followUp("đổi giấy phép lái xe ở đâu", "bằng của em bị mất chứ không phải hỏng");
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.name).toBe("Cấp lại giấy phép lái xe");
  });

  it("switches to a new topic the message names far better than the last procedure", () => {
    const d = followUp("đăng ký đóng bảo hiểm xã hội cho nhân viên", "em nghỉ việc rồi giờ muốn rút 1 lần");
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.name).toBe("Giải quyết hưởng bảo hiểm xã hội một lần");
  });

  it("settles an ambiguous new question on the only candidate of the last topic", () => {
    const d = followUp("đăng ký tạm trú", "thế còn xóa đăng ký thì sao");
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.name).toBe("Xóa đăng ký tạm trú");
  });

  it("settles an ambiguous new question on the only candidate naming all its words", () => {
    const d = followUp("đăng ký xe máy", "giờ muốn đổi biển số");
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.name).toContain("Đổi chứng nhận đăng ký xe, biển số xe");
  });

  it("takes no sibling that shares only the verb or the level with the last topic", () => {
    const d = followUp("làm hộ chiếu cho con ở đâu", "rồi muốn làm luôn căn cước cho bé thì nộp ở đâu");
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.name).toMatch(/^Cấp thẻ căn cước cho người dưới 14 tuổi/);
  });

  it("reads 'nơi đăng ký khai sinh' in a place question as a place, not a new topic", () => {
    const first = "muốn đổi họ cho con theo họ mẹ thì làm thế nào";
    const d = followUp(first, "nộp ở xã nơi đăng ký khai sinh hay nơi đang ở");
    expect(d.hits[0]?.procedure.code).toBe(kb.decide(first).hits[0]?.procedure.code);
    expect(d.fields).toContain("place");
  });

  it("switches to a topic the ask itself names, whatever the story repeats of the last one", () => {
    const d = followUp(
      "sửa họ tên trong giấy khai sinh cho con",
      "con tôi đã có căn cước, sửa khai sinh xong thì cấp đổi thẻ căn cước ở đâu",
    );
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.name).toMatch(/^Cấp đổi thẻ căn cước/);
  });

  it("takes no sibling made for a case nobody mentioned, and answers the new topic instead", () => {
    const d = followUp(
      "tạm trú sắp hết hạn thì gia hạn thế nào",
      "em gái ở quê xuống chơi, ngủ lại phòng trọ mấy hôm có phải báo công an không",
    );
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.name).toBe("Thông báo lưu trú");
  });

  it("is not misled by common syllables a name shares by chance", () => {
    const d = followUp("đăng ký thành lập hộ kinh doanh", "giờ muốn đóng cửa luôn thì sao");
    expect(d.hits[0]?.procedure.name).toBe("Chấm dứt hoạt động hộ kinh doanh");
  });
});
