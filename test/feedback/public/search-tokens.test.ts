import { describe, expect, it } from "vitest";
import { searchTokens } from "../../../feedback/public/search-tokens.js";
import { foldTokens } from "../../../knowledge/normalize.js";

const TEXTS = [
  "Ông Hồ Quang Nhật có 1.600 m2 đất trồng cây lâu năm thuộc quy hoạch đất thương mại dịch vụ. Ông Nhật hỏi, khi nộp hồ sơ xin chuyển mục đích sử dụng đất thì có phải đăng ký kế hoạch sử dụng đất hằng năm không?",
  'Căn cứ khoản 2 Điều 22 Nghị định số 151/2025/NĐ-CP ngày 12/6/2025 của Chính phủ quy định: "Các đơn vị hành chính cấp xã sau sắp xếp được tiếp tục sử dụng quy hoạch…"',
  "Cty TNHH 2 thành viên, vốn điều lệ 10 tỷ, đã góp đc 6 tỷ thì có thể chuyển nhượng cho cty nước ngoài được không? xin cám ơn!",
  "ĐẤT ĐAI, Sỹ/kỹ thuật; Lý lịch tư pháp – PHIẾU SỐ 2",
  "e\u0301 \u0301x ngập",
  "İstanbul ǅ ß ﬁ 😡ngập 𝐀bc 中文",
  "tab\tnew\nline—dash… PAKN.20261122.0012",
];

describe("words of the public search", () => {
  it("fold exactly as the knowledge base folds them, accented or not, composed or not, odd characters too", () => {
    for (const text of TEXTS)
      for (const variant of [text, text.toUpperCase(), text.normalize("NFD")])
        expect(searchTokens(variant)).toEqual(foldTokens(variant));
    expect(searchTokens("Đường NGẬP sâu")).toEqual(["duong", "ngap", "sau"]);
  });
});
