import { describe, expect, it } from "vitest";
import { REDACTED, redactForPublic } from "../../feedback/redact.js";

describe("redaction before publication", () => {
  it("hides phone, ID numbers, e-mails and licence plates in every usual spelling", () => {
    const text =
      "Tôi gọi 0912 345 678 và +84 912.345.679 không ai nghe, CCCD 079123456789, CMND 123456789, " +
      "email an.nguyen@gmail.com, xe 29A-123.45 và 51F1 234.56 đỗ chắn đường.";
    const out = redactForPublic(text);
    for (const secret of [
      "0912 345 678",
      "912.345.679",
      "079123456789",
      "123456789",
      "an.nguyen@gmail.com",
      "29A-123.45",
      "51F1 234.56",
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED.phone);
    expect(out).toContain(REDACTED.idNumber);
  });

  it("keeps amounts, dates, areas and legal references readable", () => {
    const text =
      "Diện tích 1.600 m2, lệ phí 500.000 đồng, ngày 12/11/2025, theo Nghị định 20/2008/NĐ-CP, năm 2026.";
    expect(redactForPublic(text)).toBe(text);
  });

  it("hides people named with a title, also when only the given name comes back later", () => {
    const out = redactForPublic("Ông Hồ Quang Nhật có 1.600 m2 đất. Ông Nhật hỏi, bà Trần Trúc thì sao?");
    expect(out).not.toMatch(/Nhật|Trúc|Hồ Quang/);
    expect(out).toContain(`Ông ${REDACTED.person}`);
  });

  it("hides the sender's own name and address wherever they appear, whatever the diacritics", () => {
    const out = redactForPublic(
      "Toi la Nguyen Van Binh, o thon 2 xa Hoa Tien, nha Nguyễn Văn Bình bị ngập.",
      {
        name: "Nguyễn Văn Bình",
        address: "thôn 2 xã Hòa Tiến",
      },
    );
    expect(out).not.toMatch(/Binh|Bình|Hoa Tien/);
    expect(out).toContain(REDACTED.address);
  });
});
