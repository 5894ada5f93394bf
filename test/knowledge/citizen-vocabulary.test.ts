import { describe, expect, it } from "vitest";
import { normalizeTokens } from "../../knowledge/normalize.js";
import { loadSynonyms } from "../../knowledge/synonyms.js";
import { bundledKnowledgeBase } from "../helpers/knowledge.js";

describe("everyday words for the most-used procedures", () => {
  const kb = bundledKnowledgeBase();
  const dict = loadSynonyms();
  const expand = (text: string) =>
    dict
      .find(normalizeTokens(text))
      .map((m) => m.expansion.join(" "))
      .join(" | ");
  const top = (q: string) => kb.decide(q).hits[0]?.procedure.name ?? "";

  it("does not read a tenant's words as the landlord's tax, nor a new account number as a land book", () => {
    // "thuê phòng trọ" folds like "thuế phòng trọ"; "đổi số" folds like "đổi sổ".
    expect(expand("em thuê phòng trọ")).not.toContain("khai thue");
    expect(expand("em thuê phòng trọ")).toContain("tam tru");
    expect(expand("đổi số tài khoản nhận lương hưu")).not.toContain("cap doi giay chung nhan");
    expect(top("đổi số tài khoản nhận lương hưu")).toMatch(/lĩnh bằng tài khoản cá nhân/);
  });

  it("finds the pension, boat and company procedures citizens name in their own words", () => {
    expect(top("nhan thay luong huu cho bo")).toMatch(/^Ủy quyền lĩnh thay/);
    expect(top("mất giấy đăng ký ghe")).toMatch(/^Cấp lại Giấy chứng nhận đăng ký phương tiện/);
    expect(top("thế chấp xe ô tô vay ngân hàng")).toMatch(/biện pháp bảo đảm bằng động sản/);
    expect(top("sổ bảo hiểm bị trùng hai mã")).toMatch(/sổ BHXH/);
    expect(top("chuyển đất vườn lên thổ cư")).toMatch(/chuyển mục đích sử dụng đất/);
  });

  it("finds repairs, crop changes, overnight guests and certified school records in everyday words", () => {
    expect(top("nhà em muốn lợp lại mái và nối thêm tầng có cần giấy phép không")).toMatch(
      /^Cấp giấy phép xây dựng sửa chữa, cải tạo/,
    );
    expect(top("muốn đào ao thả cá trên mấy sào ruộng lúa thì xin phép ở đâu")).toMatch(
      /^Chuyển đổi cơ cấu cây trồng, vật nuôi trên đất trồng lúa/,
    );
    expect(top("em gái ở quê xuống ngủ nhờ phòng trọ vài hôm có phải khai báo không")).toMatch(
      /^Thông báo lưu trú/,
    );
    const records = kb.decide("chứng thực bản sao học bạ ở đâu");
    expect(records.elsewhere).toBeUndefined();
    expect(records.hits[0]?.procedure.name).toMatch(/^Chứng thực bản sao từ bản chính/);
    expect(top("mat cavet xe may lam lai o dau")).toMatch(/^Cấp lại chứng nhận đăng ký xe/);
    // A possessive of two words sits inside a phrase too ("thẻ căn cước của bố tôi bị gãy").
    expect(top("the can cuoc cua bo toi bi gay roi lam lai o dau")).toMatch(/^Cấp đổi thẻ căn cước/);
    // Papers issued in Việt Nam or abroad are one procedure, not a foreign variant.
    expect(top("chứng thực bản sao bằng tốt nghiệp và bảng điểm ở xã được không")).toMatch(
      /^Chứng thực bản sao từ bản chính/,
    );
  });

  it("reads chat shorthand only inside a phrase, and never 'hk' (không) as a household book", () => {
    expect(top("doi cc")).toMatch(/^Cấp đổi thẻ căn cước/);
    expect(top("rut bh 1 lan")).toMatch(/bảo hiểm xã hội một lần/);
    expect(expand("co phai lam thu tuc xoa dang ky hk")).not.toContain("thuong tru");
  });

  it("re-issues an expired driving licence and exchanges one about to expire", () => {
    expect(top("bằng lái hết hạn 4 tháng rồi phải làm sao")).toMatch(/^Cấp lại giấy phép lái xe/);
    expect(top("bằng lái xe ô tô của tôi sắp hết hạn, đổi ở đâu")).toMatch(/^Đổi giấy phép lái xe/);
  });

  it("searches a message that only mentions a finished divorce or a bank card among lost papers", () => {
    const remarried = kb.decide("anh ấy đã ly hôn vợ trước, giờ bọn em muốn đăng ký kết hôn");
    expect(remarried.action).not.toBe("out_of_scope");
    const pickpocketed = kb.decide("bị móc túi mất hộ chiếu và thẻ atm, làm lại hộ chiếu thế nào");
    expect(pickpocketed.elsewhere ?? "").not.toMatch(/ngân hàng/);
  });

  it("tells a citizen that papers issued before the 2025 mergers stay valid", () => {
    const d = kb.decide("sau sáp nhập tỉnh có phải đổi căn cước không");
    expect(d.action).toBe("out_of_scope");
    expect(d.elsewhere).toMatch(/vẫn tiếp tục được sử dụng/);
  });

  it("sends a citizen's tax clearance to the tax office and a trader's to customs", () => {
    expect(top("xin giấy xác nhận không nợ thuế để đi định cư")).toMatch(
      /^Thủ tục xác nhận thực hiện nghĩa vụ thuế/,
    );
    expect(top("doanh nghiệp xuất nhập khẩu xin xác nhận hoàn thành nghĩa vụ nộp thuế hải quan")).toMatch(
      /^Thủ tục xác nhận hoàn thành nghĩa vụ nộp thuế/,
    );
  });

  it("does not read a death as a lost wallet, nor a mortgage as a bank loan", () => {
    const widow = kb.decide("chồng mất vì tai nạn giao thông, chồng có đóng bhxh, vợ con được nhận tiền gì");
    expect(widow.elsewhere ?? "").not.toMatch(/trình báo/);
    const mortgage = kb.decide("cắm sổ đỏ vay tiền ngân hàng thì đăng ký ở đâu");
    expect(mortgage.elsewhere).toBeUndefined();
    expect(mortgage.hits[0]?.procedure.name).toMatch(/biện pháp bảo đảm/);
  });
});
