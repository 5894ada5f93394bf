import { afterEach, describe, expect, it } from "vitest";
import { createKnowledgeBase } from "../../../knowledge/knowledge-base.js";
import type { Procedure } from "../../../knowledge/procedure.js";
import { BodyIndex } from "../../../knowledge/search/body-index.js";
import { RANK_PARAMS } from "../../../knowledge/search-index.js";
import { makeDocument, makeProcedure } from "../../helpers/procedures.js";

const STEP =
  "Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công; cán bộ tiếp nhận kiểm tra hồ sơ.";

/** Three procedures with the same boilerplate steps; only the first tells a mother's situation. */
function procedures(): Procedure[] {
  return [
    makeProcedure({
      code: "1.1",
      name: "Giải quyết hưởng chế độ thai sản",
      field: "Bảo hiểm xã hội",
      audience: ["Người lao động nữ nghỉ việc để sinh con"],
      conditions: ["Đã đóng bảo hiểm đủ 6 tháng trong 12 tháng trước khi sinh con"],
      results: ["Quyết định hưởng chế độ"],
      documents: [makeDocument({ name: "Giấy chứng sinh hoặc giấy khai sinh của con" })],
      steps: [STEP],
    }),
    makeProcedure({
      code: "1.2",
      name: "Giải quyết hưởng trợ cấp một lần",
      field: "Bảo hiểm xã hội",
      audience: ["Người lao động ra nước ngoài định cư"],
      conditions: [],
      results: ["Quyết định hưởng trợ cấp"],
      documents: [makeDocument({ name: "Sổ bảo hiểm xã hội" })],
      steps: [STEP],
    }),
    makeProcedure({
      code: "1.3",
      name: "Cấp giấy phép xây dựng nhà ở riêng lẻ",
      field: "Xây dựng",
      audience: ["Hộ gia đình, cá nhân"],
      conditions: [],
      results: ["Giấy phép xây dựng"],
      documents: [makeDocument({ name: "Bản vẽ thiết kế" })],
      steps: [STEP],
    }),
  ];
}

const saved = { ...RANK_PARAMS };
afterEach(() => {
  Object.assign(RANK_PARAMS, saved);
});

describe("a procedure's own text as weak evidence", () => {
  it("finds the procedure whose body tells the situation, and weighs shared boilerplate less", () => {
    const body = new BodyIndex(
      procedures(),
      { weight: 0.2, tokensPerSection: 60, k1: 1.2, b: 0.3 },
      () => false,
    );
    const con = body.termId("con");
    expect([...body.posting(con).docs]).toEqual([0]);
    const hoSo = body.termId("ho so");
    expect(body.posting(hoSo).docs.length).toBe(3);
    expect(body.idfOf(hoSo)).toBeLessThan(body.idfOf(con));
  });

  it("answers a message in narrative words only when the body weight is on", () => {
    const ask = (q: string) => createKnowledgeBase(procedures(), { synonymsText: "" }).search(q, 3);
    const message = "em nghỉ việc sinh con thì được nhận tiền gì";
    Object.assign(RANK_PARAMS, { auxBody: 0, bodyCoverage: 0 });
    expect(ask(message)[0]?.procedure.code).not.toBe("1.1");
    Object.assign(RANK_PARAMS, { auxBody: 0.2, bodyCoverage: 0.3 });
    expect(ask(message)[0]?.procedure.code).toBe("1.1");
  });

  it("keeps only the first words of each section, so a long text cannot match everything", () => {
    const long = makeProcedure({ steps: [`${"lời dẫn ".repeat(40)} từ cuối cùng`] });
    const body = new BodyIndex([long], { weight: 0.2, tokensPerSection: 30, k1: 1.2, b: 0.3 }, () => false);
    expect(body.termId("dan")).toBeGreaterThanOrEqual(0);
    expect(body.termId("cung")).toBe(-1);
  });
});
