import { describe, expect, it } from "vitest";
import { parseAnswerCases, scoreAnswers } from "../../scripts/bench/redaction-answers.js";

describe("the over-redaction set of bench:redaction", () => {
  it("reads the marks: personal data to remove and spans to keep, with the sender", () => {
    const [c] = parseAnswerCases(
      "# note\nNguyễn Văn A|0912345678|thôn 3, xã Đông\tTrả lời ông {{name:Nguyễn Văn A}}: [[đường vào thôn 3]] đã sửa.\n",
    );
    expect(c?.text).toBe("Trả lời ông Nguyễn Văn A: đường vào thôn 3 đã sửa.");
    expect(c?.sender).toEqual({ name: "Nguyễn Văn A", phone: "0912345678", address: "thôn 3, xã Đông" });
    expect(c?.pii).toMatchObject([{ kind: "name", text: "Nguyễn Văn A", start: 12 }]);
    expect(c?.keep).toMatchObject([{ text: "đường vào thôn 3", start: 26 }]);
  });

  it("refuses an unknown kind or an unclosed mark, naming the line", () => {
    expect(() => parseAnswerCases("-\tông {{nam:A}}\n")).toThrow(/line 1/);
    expect(() => parseAnswerCases("\n-\t[[ngày 3/12\n")).toThrow(/line 2/);
  });

  it("counts a must-keep span lost when any of its words is hidden, and personal data left as a leak", () => {
    const list = parseAnswerCases("-\tÔng {{name:Bảy}} sửa [[đường vào thôn 3]] ngày [[08/12/2026]].\n");
    const score = scoreAnswers(list, (t) => t.replace("12", "[đã ẩn địa chỉ]"));
    expect(score.personalDataRecall).toBe(0);
    expect(score.mustKeepKept).toBe(1);
    expect(score.mustKeepShare).toBe(0.5);
    expect(score.lostExamples[0]?.span).toBe("08/12/2026");
  });
});
