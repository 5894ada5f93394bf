import { describe, expect, it } from "vitest";
import { compileElsewhere, parseElsewhere } from "../../knowledge/elsewhere.js";
import { normalizeTokens } from "../../knowledge/normalize.js";
import { bundledKnowledgeBase } from "../helpers/knowledge.js";

describe("topics handled elsewhere", () => {
  const kb = bundledKnowledgeBase();

  it("sends a divorce to the court, typed with or without diacritics, instead of a look-alike procedure", () => {
    for (const q of ["em muốn ly hôn đơn phương, nộp đơn ở đâu", "vo chong em muon ly hon thuan tinh"]) {
      const d = kb.decide(q);
      expect(d.action).toBe("out_of_scope");
      expect(d.elsewhere).toMatch(/Tòa án nhân dân/);
    }
  });

  it("still answers the real procedure when the message names it (a divorce granted abroad)", () => {
    const d = kb.decide("ghi vào sổ hộ tịch việc ly hôn đã giải quyết ở nước ngoài");
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.code).toBe("2.000554");
  });

  it("tells a traveller the embassy issues visas, but answers visas for foreigners in Viet Nam", () => {
    expect(kb.decide("xin visa du lịch Nhật Bản cần hồ sơ gì").elsewhere).toMatch(/Đại sứ quán/);
    const foreigner = kb.decide("cấp thị thực cho người nước ngoài tại Việt Nam");
    expect(foreigner.action).toBe("answer");
    expect(foreigner.elsewhere).toBeUndefined();
  });

  it("skips comment and broken rows of an edited list", () => {
    const rows = parseElsewhere("# comment\nchỉ một cột\nđua xe\t\tKhông hỗ trợ.\n\tthiếu cụm từ\tabc\n");
    expect(rows).toEqual([{ phrases: ["đua xe"], unless: [], pointer: "Không hỗ trợ." }]);
    const topics = compileElsewhere(rows);
    expect(topics.match(normalizeTokens("dua xe o dau"))).toBe("Không hỗ trợ.");
    expect(topics.match(normalizeTokens("đăng ký xe"))).toBeUndefined();
  });
});
