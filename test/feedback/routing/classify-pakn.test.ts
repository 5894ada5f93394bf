import { describe, expect, it } from "vitest";
import { classifyPakn } from "../../../feedback/routing/classify-pakn.js";
import { createRouter } from "../../../feedback/routing/router.js";
import { compileRoutingRules } from "../../../feedback/routing/routing-rules.js";
import { makeProcedure } from "../../helpers/procedures.js";
import { agencies, EXAMPLES, rules } from "./fixtures.js";

const procedures = [
  makeProcedure(),
  makeProcedure({
    code: "1.012345",
    name: "Đăng ký biến động quyền sử dụng đất",
    levels: ["Cấp tỉnh"],
    field: "Đất đai",
    agencies: ["Văn phòng đăng ký đất đai", "Cục Quản lý đất đai"],
  }),
];
const knowledge = {
  get: (code: string) => procedures.find((p) => p.code === code),
  decide: () => ({ action: "out_of_scope" as const, hits: [], fields: [], followUp: false }),
};
const router = () => createRouter({ agencies: agencies(), rules: rules(), examples: EXAMPLES, knowledge });

describe("classifyPakn", () => {
  it("routes by the related procedure's executing agency and level first", () => {
    const r = router();
    const birth = r.classify({ text: "Cán bộ bắt bổ sung giấy tờ nhiều lần", procedureCode: "1.001193" });
    expect(birth).toMatchObject({ agency: "ubnd-xa", field: "Hộ tịch", source: "procedure", triage: false });
    // the text speaks of taxes, but the procedure the citizen picked says where it belongs
    const land = r.classify({ text: "Hóa đơn thuế không rõ ràng", procedureCode: "1.012345" });
    expect(land).toMatchObject({ agency: "so-nn-mt", source: "procedure", triage: false });
    expect(land.candidates[0]?.agency).toBe("so-nn-mt");
    expect(land.candidates.map((c) => c.agency)).toContain("thue");
  });

  it("ignores an unknown procedure code and falls back to the text", () => {
    const result = router().classify({ text: "Xin cấp sổ đỏ cho thửa đất", procedureCode: "9.999999" });
    expect(result).toMatchObject({ agency: "so-nn-mt", source: "rules", field: "Đất đai", triage: false });
  });

  it("routes by keyword rules whatever the diacritics", () => {
    const r = router();
    const accented = r.classify({ text: "Công ty tôi xuất hóa đơn sai, thuế phạt" });
    const plain = r.classify({ text: "cong ty toi xuat hoa don sai, thue phat" });
    expect(accented).toMatchObject({ agency: "thue", source: "rules", field: "Thuế", triage: false });
    expect(plain).toEqual(accented);
  });

  it("uses the trained model when no rule matches", () => {
    const result = router().classify({ text: "Giáo viên ép học sinh đi học thêm" });
    expect(result.agency).toBe("so-giao-duc");
    expect(result.source).toBe("model");
    expect(result.field).toBeNull();
  });

  it("sends a message nothing recognises, or a weak guess, to triage", () => {
    const r = router();
    const none = classifyPakn({ agencies: agencies(), rules: rules() }, { text: "xin chào" });
    expect(none).toEqual({
      agency: null,
      field: null,
      confidence: 0,
      source: "none",
      candidates: [],
      triage: true,
    });
    const weak = r.classify({ text: "tôi có ý kiến" });
    expect(weak.triage).toBe(true);
    expect(weak.confidence).toBeLessThan(0.5);
    // a higher threshold triages what the default lets through
    const strict = createRouter({
      agencies: agencies(),
      rules: rules(),
      examples: EXAMPLES,
      triageThreshold: 0.99,
    });
    expect(strict.classify({ text: "Xin cấp sổ đỏ" }).triage).toBe(true);
  });

  it("without rules or examples, nothing is routed", () => {
    const bare = createRouter({ agencies: agencies(), rules: compileRoutingRules([]), examples: [] });
    expect(bare.model).toBeUndefined();
    expect(bare.classify({ text: "Xin cấp sổ đỏ" }).source).toBe("none");
  });
});
