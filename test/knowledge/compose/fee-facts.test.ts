import { describe, expect, it } from "vitest";
import { parseFeePhrases } from "../../../knowledge/compose/fact-phrases.js";
import { readFeeText } from "../../../knowledge/compose/fee-facts.js";
import { parseDichvucongRecord } from "../../../knowledge/importers/dichvucong.js";
import { portalRecord } from "../importers/portal-records.js";

/** The fee cells of a real record, read as the answer reads them. */
function fees(code: string) {
  return parseDichvucongRecord(portalRecord(code)).channels.map((c) => readFeeText(c.fee));
}

describe("readFeeText on real portal records", () => {
  it("never heads with 'Miễn phí' when the note hands the amount to a Circular (criminal-record certificate)", () => {
    for (const fee of fees("3.000333")) {
      expect(fee.kind).toBe("charged");
      expect(fee.text.startsWith("Có thu phí, lệ phí theo mức thu của Thông tư số 244/2016/TT-BTC")).toBe(
        true,
      );
    }
  });

  it("says the provincial council sets the fee (building permit, marital-status certificate)", () => {
    for (const code of ["1.013225", "1.004873"]) {
      for (const fee of fees(code)) {
        expect(fee.kind, code).toBe("charged");
        expect(fee.text, code).toMatch(
          /^Có thu phí, lệ phí theo mức thu do Hội đồng nhân dân cấp tỉnh quy định/u,
        );
      }
    }
  });

  it("names the Law on fees when the land record defers to it", () => {
    for (const fee of fees("1.013831")) {
      expect(fee.text).toMatch(/^Có thu phí, lệ phí theo Luật Phí và lệ phí/u);
    }
  });

  it("heads with the amount a 'Miễn phí' note states (driving licence: 135.000 đồng/lần)", () => {
    for (const fee of fees("3.000347")) {
      expect(fee.kind).toBe("amount");
      expect(fee.text.startsWith("Có thu phí, lệ phí: 135.000 đồng/lần")).toBe(true);
    }
  });

  it("keeps 'Miễn phí' when the note itself exempts (marriage registration, dissolving a company)", () => {
    for (const code of ["1.000894", "2.002023"]) {
      for (const fee of fees(code)) {
        expect(fee.kind, code).toBe("free");
        expect(fee.text.startsWith("Miễn phí"), code).toBe(true);
      }
    }
  });

  it("restores a thousands part the portal dropped when the note repeats the amount, and never shows '25 đồng'", () => {
    const company = fees("2.001610");
    expect(company.map((f) => f.text.split(" (")[0])).toEqual([
      "100.000 đồng",
      "100.000 đồng",
      "100.000 đồng",
    ]);
    const update = fees("2.002015");
    expect(update[0]?.kind).toBe("free");
    for (const fee of update.slice(1)) {
      expect(fee.kind).toBe("charged");
      expect(fee.text).toContain("mức thu Cổng Dịch vụ công ghi chưa rõ (“25 VNĐ”)");
      expect(fee.text).not.toMatch(/(?<![\d.])25 đồng/u);
    }
  });

  it("shows amounts per channel as the portal gives them (temporary residence: 7.000 online, 10.000 in person)", () => {
    const [online, inPerson] = fees("1.004194");
    expect(online?.text.startsWith("7.000 đồng")).toBe(true);
    expect(inPerson?.text.startsWith("10.000 đồng")).toBe(true);
  });

  it("reports nothing for an empty fee cell, so the answer says plainly that the portal gives none", () => {
    expect(fees("2.001159").every((f) => f.kind === "unknown" && f.text === "")).toBe(true);
  });

  it("keeps 'Miễn phí' when the note only prices an extra on request, or says the fee schedule has none", () => {
    const copy = readFeeText(
      "Miễn phí(Phí cấp bản sao Trích lục đăng ký giám sát việc giám hộ (nếu có yêu cầu) thực hiện theo quy định tại Thông tư số 281/2016/TT-BTC)",
    );
    expect(copy.kind).toBe("free");
    expect(copy.text.startsWith("Miễn phí (Phí cấp bản sao")).toBe(true);
    const none = readFeeText(
      "Miễn phí(-Không được quy định tại Biểu phí, lệ phí đăng ký doanh nghiệp ban hành kèm theo Thông tư số 47/2019/TT-BTC)",
    );
    expect(none.kind).toBe("free");
  });

  it("reads its phrases from the reviewed file format and ignores comments and unknown kinds", () => {
    const phrases = parseFeePhrases(
      "# c\nfree\tMiễn thu\ncharge\tMức thu\nbasis\thđnd\ttheo HĐND\nother\tx\n",
    );
    expect(phrases).toEqual({
      free: ["miễn thu"],
      optional: [],
      charge: ["mức thu"],
      basis: [{ phrase: "hđnd", text: "theo HĐND" }],
    });
    expect(readFeeText("Miễn phí (Mức thu theo quy định)", phrases).kind).toBe("charged");
  });
});
