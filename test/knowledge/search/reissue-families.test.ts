import { describe, expect, it } from "vitest";
import { foldTokens } from "../../../knowledge/normalize.js";
import { reissuePopularity } from "../../../knowledge/search/reissue-families.js";
import { bundledKnowledgeBase } from "../../helpers/knowledge.js";

describe("first issuance and its renewals", () => {
  it("gives a first issuance the popularity of the procedures that renew its paper", () => {
    const names = ["Cấp giấy phép lái xe", "Cấp lại giấy phép lái xe", "Đổi giấy phép lái xe", "Cấp thẻ"];
    const renewed = reissuePopularity(
      names.map((n) => foldTokens(n)),
      [0, 50, 200, 7],
    );
    expect(renewed).toEqual([200, 0, 0, 0]);
  });

  it("answers a learner driver with the first licence, not its re-issue or exchange", () => {
    const kb = bundledKnowledgeBase();
    for (const q of ["thi bằng lái xe máy đăng ký ở đâu", "muon thi bang lai o to hang B"]) {
      expect(kb.search(q)[0]?.procedure.code, q).toBe("3.000346");
    }
    expect(kb.search("làm lại bằng lái xe bị mất")[0]?.procedure.code).toBe("3.000348");
  });
});
