import { describe, expect, it } from "vitest";
import { compileElsewhere, parseElsewhere } from "../../knowledge/elsewhere.js";
import { normalizeTokens } from "../../knowledge/normalize.js";
import { bundledKnowledgeBase } from "../helpers/knowledge.js";

describe("topics handled elsewhere", () => {
  const kb = bundledKnowledgeBase();

  it("sends a divorce to the court, typed with or without diacritics, instead of a look-alike procedure", () => {
    for (const q of ["em muốn ly hôn đơn phương, nộp đơn ở đâu", "vo chong em muon ly hon thuan tinh"]) {
      const d = kb.decide(q);
      expect(d.action).toBe("out_of_scope");
      expect(d.elsewhere).toMatch(/Tòa án nhân dân/);
    }
  });

  it("still answers the real procedure when the message names it (a divorce granted abroad)", () => {
    const d = kb.decide("ghi vào sổ hộ tịch việc ly hôn đã giải quyết ở nước ngoài");
    expect(d.action).toBe("answer");
    expect(d.hits[0]?.procedure.code).toBe("2.000554");
  });

  it("answers the procedure the ask names when only the backstory mentions a topic handled elsewhere", () => {
    const told = kb.decide(
      "Chồng sắp cưới của em đã ly hôn vợ trước được hai năm. Bây giờ bọn em muốn đăng ký kết hôn thì cần giấy tờ gì?",
    );
    expect(told.action).toBe("answer");
    expect(told.hits[0]?.procedure.code).toBe("1.000894");
    const asked = kb.decide("Em đăng ký kết hôn được 3 năm rồi, giờ muốn ly hôn thì nộp đơn ở đâu?");
    expect(asked.action).toBe("out_of_scope");
    expect(asked.elsewhere).toMatch(/Tòa án nhân dân/);
  });

  it("answers the paper asked for when the topic handled elsewhere is only what it is for", () => {
    for (const q of [
      "xin trich luc ket hon de lam ho so vay ngan hang",
      "xin giấy xác nhận độc thân để vay ngân hàng mua nhà ở đâu",
    ]) {
      const d = kb.decide(q);
      expect(d.action, q).toBe("answer");
      expect(d.elsewhere, q).toBeUndefined();
    }
    // Asked for itself, the loan is still the bank's business; "để lại" is no purpose.
    expect(kb.decide("để vay ngân hàng thì cần giấy tờ gì").elsewhere).toMatch(/ngân hàng/);
    expect(kb.decide("muốn vay ngân hàng 50 triệu thì làm sao").elsewhere).toMatch(/ngân hàng/);
  });

  it("keeps a procedure asked in a story that mentions work abroad, a theft or an exam", () => {
    const codeOf = (q: string) => {
      const d = kb.decide(q);
      return d.action === "answer" ? d.hits[0]?.procedure.code : d.action;
    };
    expect(codeOf("đi xuất khẩu lao động, công ty bảo nộp giấy không tiền án tiền sự, xin ở đâu")).toMatch(
      /^3\.00033/,
    );
    expect(codeOf("bi trom lay mat ca bien so xe may luon, lam lai bien so o dau")).toMatch(/^1\.01308/);
    expect(codeOf("cháu họ lên ở nhờ nhà em mấy hôm đi thi đại học, có cần báo công an không")).toBe(
      "2.001159",
    );
  });

  it("tells a traveller the embassy issues visas, but answers visas for foreigners in Viet Nam", () => {
    expect(kb.decide("xin visa du lịch Nhật Bản cần hồ sơ gì").elsewhere).toMatch(/Đại sứ quán/);
    const foreigner = kb.decide("cấp thị thực cho người nước ngoài tại Việt Nam");
    expect(foreigner.action).toBe("answer");
    expect(foreigner.elsewhere).toBeUndefined();
  });

  it("points to the right body for topics our procedures do not cover, and still answers the ones we have", () => {
    const where: Array<[string, RegExp]> = [
      ["nghỉ việc rồi thì nhận trợ cấp thất nghiệp ở đâu", /Trung tâm Dịch vụ việc làm/],
      ["con trai em 18 tuoi kham nghia vu quan su o dau", /Ban Chỉ huy quân sự/],
      ["gia hạn hộ chiếu ở nước ngoài cần gì", /Cơ quan đại diện Việt Nam/],
      ["hợp pháp hóa lãnh sự bằng đại học nộp ở đâu", /Cục Lãnh sự/],
      ["con tôi sắp vào lớp 6, đăng ký học ở đâu", /nhà trường/],
      ["xin chuyen truong cho con giua nam hoc", /nhà trường/],
      ["vay vốn ngân hàng chính sách cho hộ nghèo thế nào", /Ngân hàng Chính sách xã hội/],
      ["xin giấy xác nhận khuyết tật cho con ở đâu", /UBND xã, phường/],
      ["bị phạt nguội nộp tiền ở đâu", /csgt\.vn/],
      ["nhóm mình muốn đăng ký sinh hoạt tôn giáo tập trung", /UBND xã, phường nơi diễn ra/],
      ["mẹ liệt sĩ xin trợ cấp thờ cúng liệt sĩ", /Sở Nội vụ/],
      ["làm giấy phép lao động cho người nước ngoài cần gì", /Sở Nội vụ/],
      ["mat bang tot nghiep thpt xin cap lai o dau", /bản sao từ sổ gốc/],
    ];
    for (const [q, pointer] of where) {
      const d = kb.decide(q);
      expect(d.action, q).toBe("out_of_scope");
      expect(d.elsewhere, q).toMatch(pointer);
    }
    for (const q of [
      "ủy quyền lĩnh thay trợ cấp thất nghiệp",
      "đăng ký thế chấp quyền sử dụng đất",
      "cấp lại thẻ bảo hiểm y tế bị mất",
      "tuyển sinh vào các trường công an nhân dân",
      "xin giấy phép xây dựng công trình tôn giáo",
      "phòng khám tư nhân ký hợp đồng khám chữa bệnh bảo hiểm y tế",
    ]) {
      expect(kb.decide(q).elsewhere, q).toBeUndefined();
    }
  });

  it("explains how to look up one's own file, typed with or without diacritics", () => {
    for (const q of [
      "hồ sơ của tôi đến đâu rồi, số căn cước 079203001234",
      "ho so cua em toi dau roi, so bhxh 7912345678",
      "tra cứu tình trạng hồ sơ đất đai",
    ]) {
      const d = kb.decide(q);
      expect(d.action, q).toBe("out_of_scope");
      expect(d.elsewhere, q).toMatch(/dichvucong\.gov\.vn/);
      expect(d.elsewhere, q).toMatch(/VssID/);
    }
  });

  it("explains how to look up a file's status without repeating the numbers typed", () => {
    const numbers = ["000.00.23.H12-250301-0012", "0123456789", "012345678901"];
    for (const q of [
      "hồ sơ cấp sổ đỏ của tôi nộp tháng trước, mã hồ sơ 000.00.23.H12-250301-0012, giờ xử lý đến đâu rồi",
      "cho em hỏi hồ sơ khai sinh em nộp online đã có kết quả chưa ạ",
      "kiểm tra giúp tôi sổ bảo hiểm số 0123456789 đóng được bao nhiêu tháng",
      "sao ho so cua toi chua co ket qua, qua hen 1 tuan roi",
      "căn cước của em làm từ tháng 3 giờ làm xong chưa",
      "em nộp hồ sơ sang tên sổ đỏ từ tháng 5 mà đến giờ vẫn chưa nhận được sổ",
      "Số CCCD 012345678901 của tôi, kiểm tra xem hồ sơ đổi giấy phép lái xe đến bước nào",
      "quên mã số bảo hiểm xã hội thì tra ở đâu",
    ]) {
      const d = kb.decide(q);
      expect(d.action, q).toBe("out_of_scope");
      expect(d.elsewhere, q).toMatch(/dichvucong\.gov\.vn/);
      for (const n of numbers) expect(d.elsewhere, q).not.toContain(n);
    }
    const tax = kb.decide("tra cứu mã số thuế cá nhân theo số căn cước 012345678901");
    expect(tax.elsewhere).toMatch(/eTax Mobile/);
    expect(tax.elsewhere).not.toContain("012345678901");
    // Asking how long a procedure takes is not a status request.
    expect(kb.decide("đăng ký khai sinh bao lâu có kết quả").action).toBe("answer");
    expect(kb.decide("đăng ký khai sinh nộp ở đâu, bao lâu có kết quả").action).toBe("answer");
  });

  it("points everyday matters no procedure covers to the body that handles them", () => {
    const where: Array<[string, RegExp]> = [
      ["muốn lắp đồng hồ điện cho nhà mới xây", /công ty điện lực/],
      ["mua lại nhà cũ, muốn sang tên hợp đồng điện cho mình", /công ty điện lực/],
      ["em bị lừa đảo qua mạng mất 50 triệu", /Công an xã, phường/],
      ["công ty nợ lương 3 tháng không trả", /hòa giải viên lao động/],
      ["xin trợ cấp cho người cao tuổi", /người cao tuổi/],
      ["thành lập câu lạc bộ dưỡng sinh", /Sở Nội vụ/],
      ["giấy phép thành lập trường mầm non tư thục", /Sở Giáo dục và Đào tạo/],
      ["em trai tôi khuyết tật nặng có được nhận tiền hằng tháng không", /khuyết tật/],
      ["mất thẻ atm phải làm sao", /ngân hàng/],
      ["xin giấy phép kinh doanh karaoke", /karaoke/],
      ["tranh chấp quyền nuôi con sau khi ly thân", /Tòa án nhân dân/],
      ["muốn đi xuất khẩu lao động nhật bản thì làm thế nào", /Trung tâm Dịch vụ việc làm/],
      ["công ty bắt thử việc 3 tháng có đúng không", /Bộ luật Lao động/],
      ["nhà bị thu hồi đất làm đường thì giá đền bù thế nào", /bồi thường/],
      ["xin cấp lại giấy chứng nhận số nhà bị mất", /số nhà/],
      ["mẹ tôi 78 tuổi có được hỗ trợ tiền gì không", /UBND xã, phường/],
      ["mở quán ăn thì xin giấy chứng nhận an toàn thực phẩm ở đâu", /ngành y tế/],
      ["nha hang cua toi can giay an toan ve sinh thuc pham khong", /ngành y tế/],
    ];
    for (const [q, pointer] of where) {
      const d = kb.decide(q);
      expect(d.action, q).toBe("out_of_scope");
      expect(d.elsewhere, q).toMatch(pointer);
    }
    for (const q of [
      "bà tôi là người cao tuổi muốn làm căn cước tại nhà",
      "mở quán karaoke cần giấy chứng nhận an ninh trật tự",
      "tranh chấp đất đai với hàng xóm thì hòa giải ở đâu",
      "con tôi bị khuyết tật muốn làm thẻ bảo hiểm y tế",
      "nộp đơn khởi kiện trực tuyến đến tòa án",
      "sắp đi xuất khẩu lao động, làm hộ chiếu cần giấy tờ gì",
      "hộ nhà em đang ghi nợ tiền sử dụng đất vì tái định cư muốn trả nợ",
      "mất sổ nhà thì làm lại thế nào",
      "làm nước mắm muốn xin giấy chứng nhận an toàn thực phẩm",
    ]) {
      expect(kb.decide(q).elsewhere, q).toBeUndefined();
    }
  });

  it("matches a phrase of two parts only when both occur, anywhere in the message", () => {
    const topics = compileElsewhere(parseElsewhere("tuổi + trợ cấp\tlương hưu\tỞ xã.\n"));
    expect(topics.match(normalizeTokens("bà em 82 tuổi có được trợ cấp gì không"))).toBe("Ở xã.");
    expect(topics.match(normalizeTokens("ba em 82 tuoi co duoc tro cap gi khong"))).toBe("Ở xã.");
    expect(topics.match(normalizeTokens("bà em 82 tuổi muốn làm căn cước"))).toBeUndefined();
    expect(topics.match(normalizeTokens("82 tuổi muốn nhận trợ cấp cùng lương hưu"))).toBeUndefined();
    const elderly = kb.decide("ông nội em 83 tuổi ở quê có được nhận trợ cấp hằng tháng không");
    expect(elderly.elsewhere).toMatch(/UBND xã, phường/);
    expect(kb.decide("bố tôi 61 tuổi muốn hưởng lương hưu thì làm sao").elsewhere).toBeUndefined();
  });

  it("skips comment and broken rows of an edited list", () => {
    const rows = parseElsewhere("# comment\nchỉ một cột\nđua xe\t\tKhông hỗ trợ.\n\tthiếu cụm từ\tabc\n");
    expect(rows).toEqual([{ phrases: ["đua xe"], unless: [], pointer: "Không hỗ trợ." }]);
    const topics = compileElsewhere(rows);
    expect(topics.match(normalizeTokens("dua xe o dau"))).toBe("Không hỗ trợ.");
    expect(topics.match(normalizeTokens("đăng ký xe"))).toBeUndefined();
  });
});
