import { describe, expect, it } from "vitest";
import { createRouter } from "../../../feedback/routing/router.js";
import { bundledKnowledgeBase } from "../../helpers/knowledge.js";

describe("the bundled router (agencies, rules and examples shipped in assets/)", () => {
  const started = performance.now();
  const router = createRouter({ knowledge: bundledKnowledgeBase() });
  const buildMs = performance.now() - started;

  it("builds quickly, after the knowledge base", () => {
    expect(router.model?.labels.length).toBeGreaterThan(8);
    expect(buildMs).toBeLessThan(5_000);
  });

  it.each([
    ["Gia đình tôi xin chuyển mục đích sử dụng đất vườn sang đất ở thì làm thế nào", "so-nn-mt"],
    ["cong ty toi bi phat cham nop to khai thue gia tri gia tang", "thue"],
    ["Tôi muốn rút bảo hiểm xã hội một lần thì làm ở đâu", "bhxh"],
    ["Xưởng gỗ cạnh nhà gây tiếng ồn và bụi suốt đêm", "so-nn-mt"],
    ["Trường mầm non thu học phí cao hơn quy định", "so-giao-duc"],
    ["Hàng nhập khẩu bị giữ ở cửa khẩu chưa được thông quan", "hai-quan"],
    ["Cán bộ xã bắt bổ sung giấy tờ mấy lần", "ubnd-xa"],
  ])("routes %s", (text, agency) => {
    const result = router.classify({ text });
    expect(result.agency).toBe(agency);
    expect(result.triage).toBe(false);
  });

  it("routes by a picked procedure of the bundled knowledge base", () => {
    const result = router.classify({ text: "Hồ sơ trễ hẹn hai tuần", procedureCode: "1.000894" });
    expect(result).toMatchObject({ agency: "ubnd-xa", field: "Hộ tịch", source: "procedure" });
  });

  it("classifies in a few milliseconds", () => {
    const text = "Đường làng bị ngập mỗi khi mưa, đề nghị xã làm mương thoát nước";
    router.classify({ text });
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) router.classify({ text });
    expect((performance.now() - t0) / 20).toBeLessThan(10);
  });
});
