import { describe, expect, it } from "vitest";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";

const kb = createKnowledgeBase(readProceduresFile("assets/procedures-dichvucong.jsonl.gz").procedures);
const product = (xs: number[]) => xs.reduce((p, x) => p * x, 1);

describe("knowledge base: explain", () => {
  it("tells, for each ranked procedure, terms and factors that make exactly the ranking score", () => {
    for (const q of [
      "đăng ký khai sinh cho con cần giấy tờ gì",
      "dang ky ket hon voi nguoi nuoc ngoai",
      "bố tôi mới qua đời",
      "hỗ trợ mai táng",
      "so do nha em ghi sai ten chu ho muon dinh chinh lai thi can gi",
    ]) {
      const hits = kb.search(q, 5);
      const why = kb.explain(
        q,
        hits.map((h) => h.procedure.code),
      );
      expect(why.size).toBe(hits.length);
      for (const h of hits) {
        const e = why.get(h.procedure.code);
        expect(e, `${q} ${h.procedure.code}`).toBeDefined();
        if (!e) continue;
        expect(Math.round(e.score * 1000) / 1000).toBe(h.score);
        expect(e.score).toBeCloseTo(e.raw * product(e.factors.map((f) => f.factor)), 6);
        expect(e.raw).toBeCloseTo(
          e.terms.reduce((s, t) => s + t.contribution, 0),
          6,
        );
      }
    }
  });

  it("names the message words found in the procedure's name", () => {
    const e = kb.explain("thủ tục đăng ký kết hôn", ["1.000894"]).get("1.000894");
    const inName = (e?.terms ?? []).filter((t) => t.where === "name").map((t) => t.feature);
    expect(inName.join(" | ")).toMatch(/ket hon/);
    expect(e?.factors.map((f) => f.feature)).toEqual(
      expect.arrayContaining(["nameCoverage", "queryCoverage", "prior"]),
    );
  });

  it("explains nothing for a code it does not know", () => {
    expect(kb.explain("đăng ký kết hôn", ["9.999999"]).size).toBe(0);
  });
});
