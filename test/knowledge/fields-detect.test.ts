import { describe, expect, it } from "vitest";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";
import { makeProcedure } from "../helpers/procedures.js";

const kb = createKnowledgeBase([makeProcedure()]);

describe("detectFields", () => {
  it.each([
    ["cần giấy tờ gì", ["documents"]],
    ["can mang theo nhung gi", ["documents"]],
    ["lệ phí bao nhiêu", ["fee"]],
    ["co mat phi ko", ["fee"]],
    ["het bao nhieu tien", ["fee"]],
    ["mất bao lâu", ["time"]],
    ["may ngay thi xong", ["time"]],
    ["nộp ở đâu", ["place"]],
    ["co quan nao giai quyet", ["place"]],
    ["các bước thực hiện", ["steps"]],
    ["điều kiện là gì", ["conditions"]],
    ["căn cứ nghị định nào", ["legal_basis"]],
    ["làm xong được cấp gì", ["result"]],
    ["nop online duoc khong", ["online"]],
    ["làm qua mạng được không", ["online"]],
    ["cần đem theo gì", ["documents"]],
    ["đăng ký nghĩa vụ quân sự lần đầu thì ai phải đi đăng ký", ["conditions"]],
    ["xét gia đình văn hóa phải đạt tiêu chí nào", ["conditions"]],
    ["xã có đến tận nhà đăng ký khai tử cho không được không", ["conditions"]],
    ["cho em xin nguồn văn bản quy định thủ tục này", ["legal_basis"]],
    ["nộp hồ sơ tại đâu", ["place"]],
    ["nộp cho ai", ["place"]],
    ["khai tử thì bao lâu có kết quả", ["time"]],
    ["mở hộ kinh doanh bán tạp hóa tại nhà", []],
    ["ủy ban xã làm việc mấy giờ", []],
    ["bà nội có được xã hỗ trợ tiền gì không", ["conditions"]],
  ])("%s → %j", (text, expected) => {
    expect(kb.detectFields(text).sort()).toEqual([...expected].sort());
  });

  it("finds several aspects at once", () => {
    expect(kb.detectFields("cần giấy tờ gì và mất bao lâu")).toEqual(["documents", "time"]);
    expect(kb.detectFields("ho so gom gi, phi bn, bao lau co")).toEqual(["documents", "fee", "time"]);
  });

  it("reads a bare 'how do I' as a question about the papers, but not when it qualifies another aspect", () => {
    expect(kb.detectFields("đăng ký khai sinh làm thế nào")).toEqual(["documents"]);
    // Whether it can be done online is the online part, not the conditions…
    expect(kb.detectFields("làm online được không")).toEqual(["online"]);
    expect(kb.detectFields("co the nop qua mang dc ko")).toEqual(["online"]);
    // …unless the conditions are asked in words.
    expect(kb.detectFields("điều kiện làm online là gì").sort()).toEqual(["conditions", "online"]);
    expect(kb.detectFields("đăng ký khai sinh các bước thế nào")).toEqual(["steps"]);
    expect(kb.detectFields("điều kiện như thế nào")).toEqual(["conditions"]);
  });

  it("reads 'có phải / có được … không' as the conditions only when nothing else is asked", () => {
    expect(kb.detectFields("dựng rạp đám cưới có phải xin phép không")).toEqual(["conditions"]);
    expect(kb.detectFields("có phải đi xóa đăng ký thường trú không, làm ở đâu")).toEqual(["place"]);
    expect(kb.detectFields("có phải làm lại không, thủ tục thế nào")).toEqual(["documents"]);
    expect(kb.detectFields("nộp hồ sơ ở đâu, có được không")).toEqual(["place"]);
    // "làm gấp", "lấy trong ngày" ask how long it takes, whatever wording leads into them.
    expect(kb.detectFields("nộp hồ sơ ở đâu, có làm gấp được không")).toEqual(["time", "place"]);
    expect(kb.detectFields("đăng ký kết hôn có lấy trong ngày được không")).toEqual(["time"]);
    // "có được hưởng / nhận …" asks whether one is entitled: that is the conditions.
    expect(kb.detectFields("mẹ em có được hưởng tiền tuất không, cần hồ sơ gì").sort()).toEqual([
      "conditions",
      "documents",
    ]);
  });

  it("does not read a field word that is part of the topic or of the story as an ask", () => {
    expect(kb.detectFields("lệ phí trước bạ nhà đất khai ở đâu")).toEqual(["place"]);
    expect(kb.detectFields("xin trợ giúp pháp lý miễn phí cho người nghèo")).toEqual(["fee"]);
    expect(kb.detectFields("cấp giấy chứng nhận đủ điều kiện kinh doanh karaoke")).toEqual([]);
    expect(kb.detectFields("ngân hàng yêu cầu tôi bổ sung giấy xác nhận, xin ở đâu")).toEqual(["place"]);
    expect(kb.detectFields("em chuẩn bị đi du học, làm hộ chiếu mất bao lâu")).toEqual(["time"]);
    expect(kb.detectFields("chưa đăng ký được ở đâu cả, giờ khai báo cư trú thế nào")).toEqual(["documents"]);
  });

  it("reads which office, which day and 'bằng cách nào' as asks", () => {
    expect(kb.detectFields("tiền rách đổi ở ngân hàng nào")).toEqual(["place"]);
    expect(kb.detectFields("lịch tiếp công dân vào ngày nào")).toEqual(["time"]);
    expect(kb.detectFields("khai báo lưu trú bằng cách nào")).toEqual(["documents"]);
    expect(kb.detectFields("khai báo tạm trú làm thế nào, qua mạng được không")).toEqual([
      "documents",
      "online",
    ]);
  });

  it("does not read 'phí' inside other words as a fee question", () => {
    expect(kb.detectFields("chuyển đất nông nghiệp sang đất phi nông nghiệp")).toEqual([]);
  });

  it("returns nothing for a bare topic", () => {
    expect(kb.detectFields("đăng ký kết hôn")).toEqual([]);
  });
});
