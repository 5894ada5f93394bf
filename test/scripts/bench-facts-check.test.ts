import { describe, expect, it } from "vitest";
import { checkField, type ExpectedFacts, sectionBody } from "../../scripts/bench/facts/check-facts.js";

const facts: ExpectedFacts = {
  code: "x",
  name: "x",
  fee: { kind: "charged", must: ["244/2016/TT-BTC"] },
  time: { must: ["1 ngày làm việc"] },
  place: { must: ["Công an"] },
  documents: { broken: true },
};

describe("bench:facts checks", () => {
  it("finds the asked part between its heading and the portal footer", () => {
    const answer =
      "Tên\nMã thủ tục: x\n\nLỆ PHÍ\n• Trực tiếp: Miễn phí\n\nXem chi tiết trên Cổng Dịch vụ công quốc gia:\nhttps://x";
    expect(sectionBody(answer, "fee")).toBe("• Trực tiếp: Miễn phí");
    expect(sectionBody(answer, "time")).toBeNull();
  });

  it("fails a 'Miễn phí' headline on a charged record, a fragment, a channel timed twice, a broken dossier shown", () => {
    expect(
      checkField("fee", facts, "• Trực tiếp: Miễn phí (Thông tư số 244/2016/TT-BTC quy định mức thu)"),
    ).toEqual(["headline says free but the record charges"]);
    expect(
      checkField(
        "fee",
        facts,
        "• Trực tiếp: Có thu phí, lệ phí theo mức thu của Thông tư số 244/2016/TT-BTC",
      ),
    ).toEqual([]);
    expect(checkField("time", facts, "• Trực tuyến: 1 ngày làm việc\n• Trực tuyến: 3 ngày làm việc")).toEqual(
      ["channel given two times on two lines: Trực tuyến"],
    );
    expect(checkField("documents", facts, "Lưu ý:\n• ) và nộp cho cơ quan BHXH. Bước 2.")).toEqual([
      'fragment "• ) và nộp cho cơ quan BHXH. Bước 2."',
      "broken dossier part not said plainly",
      "no link to the full record",
    ]);
  });
});
