import { describe, expect, it } from "vitest";
import { bundledKnowledgeBase } from "../../helpers/knowledge.js";

/** Long messages as citizens write them: the story first, the question last. */
describe("a long message is read for its ask, not drowned by its story", () => {
  const kb = bundledKnowledgeBase();

  it("answers the birth registration asked after a story about a hospital and a district", () => {
    const d = kb.decide(
      "Chào anh chị, vợ em vừa sinh bé trai ở bệnh viện đa khoa huyện hôm thứ hai, giấy chứng sinh bệnh viện đã cấp rồi. Giờ em muốn làm khai sinh cho bé thì làm ở đâu ạ?",
    );
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.code).toBe("1.001193");
    expect(d.fields).toContain("place");
  });

  it("answers a casual unaccented message without punctuation before the ask", () => {
    const d = kb.decide(
      "e chao ad, nha e o xom tren, bo e nam vien mot thang roi mat hom qua, ca nha dang lo dam, cho e hoi lam khai tu cho bo can giay to gi",
    );
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.code).toBe("1.000656");
  });

  it("still lets the story choose the variant (a foreign fiancé)", () => {
    const d = kb.decide(
      "Tôi là người Việt, chồng sắp cưới của tôi là người nước ngoài, anh ấy đang làm việc cho một công ty ở khu công nghiệp của tỉnh. Cho tôi hỏi đăng ký kết hôn cần giấy tờ gì?",
    );
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.code).toBe("2.000806");
  });

  it("takes what is asked from the ask, not from the story", () => {
    const d = kb.decide(
      "Tôi lên ủy ban hai lần mà không gặp được ai, tốn tiền xăng lắm rồi. Cho tôi hỏi đăng ký tạm trú cần mang theo những giấy tờ gì?",
    );
    expect(d.hits[0]?.procedure.code).toBe("1.004194");
    expect(d.fields).toEqual(["documents"]);
  });

  it("leaves a short question as it was", () => {
    const d = kb.decide("đăng ký kết hôn cần giấy tờ gì");
    expect(d.hits[0]?.procedure.code).toBe("1.000894");
    expect(d.alsoAsked).toBeUndefined();
  });

  it("keeps the second of two asks about different procedures", () => {
    const d = kb.decide(
      "Em sắp cưới, đăng ký kết hôn ở xã cần giấy tờ gì ạ? Với lại chồng em muốn đổi giấy phép lái xe thì làm ở đâu?",
    );
    expect(d.action).toBe("answer");
    const codes = [d.hits[0]?.procedure.code, ...(d.alsoAsked ?? []).map((h) => h.procedure.code)];
    expect(codes).toContain("1.000894");
    expect(codes.some((c) => /^Đổi giấy phép lái xe/.test(kb.get(c as string)?.name ?? ""))).toBe(true);
  });

  it("does not take several questions about one procedure for several asks", () => {
    const d = kb.decide("đăng ký tạm trú cần giấy tờ gì, có mất phí không, bao lâu thì xong?");
    expect(d.hits[0]?.procedure.code).toBe("1.004194");
    expect(d.alsoAsked).toBeUndefined();
  });
});
