import { describe, expect, it } from "vitest";
import { REDACTED, redactForPublic } from "../../feedback/redact.js";

/** The other ways citizens quote the sender: initials, digits in words, e-mails in words, birth dates, ID tails. */

const sender = { name: "Nguyễn Văn An", phone: "0987654321", address: "thôn 3, xã Cẩm Bình, tỉnh Hà Tĩnh" };

describe("redaction of the sender's initials", () => {
  it("hides the sender's initials, with or without dots, and a given name written after initials", () => {
    const out = redactForPublic(
      "Tôi là N.V.A, ở xã Cẩm Bình. Người gửi: NVA. Ký tên: Nguyễn V. An. Liên hệ anh A. hoặc N. V. An.",
      sender,
    );
    expect(out).not.toMatch(/N\.V\.A|NVA|V\. An|anh A\b|N\. V\./);
    expect(out).toContain(`anh ${REDACTED.person}.`);
    expect(out).toContain("ở xã Cẩm Bình");
  });

  it("hides a title and an initial of the sender's given name, and anyone's initials with a full given name", () => {
    const out = redactForPublic("Chị H. đã gọi nhiều lần, anh T.V.Hùng cũng vậy, cả N.T.Lan nữa.", {
      name: "Trần Thị Hoa",
    });
    expect(out).toBe(
      `Chị ${REDACTED.person}. đã gọi nhiều lần, anh ${REDACTED.person} cũng vậy, cả ${REDACTED.person} nữa.`,
    );
  });

  it("keeps initials the writer used for someone else, abbreviations of places and numbered items", () => {
    const text =
      "Ông C bán đất cho bà T.T.H. Vậy bà H. có được cấp sổ? Đường ở P. Bắc Hà, TP. Hà Tĩnh, theo Mẫu A.II.1, mục I. Doanh nghiệp.";
    expect(redactForPublic(text, sender)).toBe(text);
  });
});

describe("redaction of a phone number spelled in words", () => {
  it("hides a phone number read out digit by digit, with or without diacritics, mixed with digits", () => {
    for (const spelling of [
      "không chín tám bảy sáu năm bốn ba hai một",
      "khong chin tam bay sau nam bon ba hai mot",
      "09 tám bảy sáu năm bốn ba hai một",
      "không chín một hai, ba bốn năm, sáu bảy tám",
      "Không Chín Tám Bẩy - Sáu Lăm Tư Ba - Hai Mốt",
    ]) {
      expect(redactForPublic(`Gọi cho tôi số ${spelling} nhé.`), spelling).toBe(
        `Gọi cho tôi số ${REDACTED.phone} nhé.`,
      );
    }
  });

  it("keeps counts, years and ordinary words that are also digit words", () => {
    const text =
      "Năm 2025 có hai ba hộ chưa nhận, sau đó thêm năm hộ, bảy tám người đi lại, ba năm không ai sửa, một hai ba bốn năm sáu bảy tám chín.";
    expect(redactForPublic(text)).toBe(text);
  });
});

describe("redaction of an e-mail address written around spam filters", () => {
  it("hides (at), [at] [dot], 'a còng' and 'chấm' spellings", () => {
    for (const spelling of [
      "an.nguyen (at) yahoo.com",
      "an.nguyen [at] gmail [dot] com",
      "annguyen85 a còng gmail chấm com",
      "annguyen85 a cong gmail cham com chấm vn",
      "an.nguyen@gmail chấm com",
      "an_nguyen AT gmail DOT com",
      "an_nguyen@gmail.com",
    ]) {
      expect(redactForPublic(`Email của tôi: ${spelling}, xin cảm ơn.`), spelling).toBe(
        `Email của tôi: ${REDACTED.email}, xin cảm ơn.`,
      );
    }
  });

  it("keeps sentences with 'at', 'chấm' and 'còng' in their ordinary sense", () => {
    const text =
      "Cán bộ chấm công sai, lưng tôi còng vì khuân vác, họp at UBND xã, điểm thi chấm lại, meet at the office dot com.";
    expect(redactForPublic(text)).toBe(text);
  });
});

describe("redaction of a date of birth", () => {
  it("hides the date after the words that say it is a birth date", () => {
    const out = redactForPublic(
      "Tôi sinh ngày 12/3/1985, con tôi sinh năm 2015, ngày sinh: 12-03-1985, SN 1985, Năm sinh: 1990, " +
        "mẹ tôi sinh ngày 5 tháng 7 năm 1960, cháu sinh tháng 3/2020, ngay sinh 01.02.1999.",
    );
    for (const date of [
      "12/3/1985",
      "2015",
      "12-03-1985",
      "1985",
      "1990",
      "5 tháng 7 năm 1960",
      "3/2020",
      "01.02.1999",
    ])
      expect(out, date).not.toContain(date);
    expect(out).toContain(`sinh ngày ${REDACTED.birthDate}`);
  });

  it("keeps dates of events, school years, house numbers and legal references", () => {
    const text =
      "Ngày 12/3/2025 nhà tôi bị ngập; học sinh năm 2025 nhập học, vệ sinh ngày 15/4/2026, phát sinh năm 2024, " +
      "đăng ký khai sinh ngày 10/1/2026, trẻ sinh năm 2019 vào lớp 1, SN 12 Trần Phú, theo Nghị định 20/2008/NĐ-CP, " +
      "thị trường chứng khoán phái sinh14/2025/TT-BTC, sinh 13/2025.";
    expect(redactForPublic(text)).toBe(text);
  });
});

describe("redaction of the last digits of an ID number", () => {
  it("hides masked numbers, the last digits and numbers grouped in other ways", () => {
    const out = redactForPublic(
      "CCCD số ... 1234, CMND: ******5678, căn cước 0380xxxx4321, 4 số cuối CCCD là 2468, số cuối 1357, " +
        "CCCD 038-090-001-234, giấy tờ số 07 9085 001234.",
    );
    for (const secret of ["1234", "5678", "4321", "2468", "1357", "038-090-001-234", "001234"])
      expect(out, secret).not.toContain(secret);
  });

  it("keeps amounts, procedure codes, laws and page numbers", () => {
    const text =
      "Mã thủ tục 1.001234, Nghị định 20/2008/NĐ-CP, số cuối năm đạt 1.234 tỷ, trang số cuối 12, lệ phí 50.000 đồng, " +
      "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfa-0133-7699-9662-a70b809db765";
    expect(redactForPublic(text)).toBe(text);
  });
});
