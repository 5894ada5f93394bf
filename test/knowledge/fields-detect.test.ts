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

  it("does not read 'phí' inside other words as a fee question", () => {
    expect(kb.detectFields("chuyển đất nông nghiệp sang đất phi nông nghiệp")).toEqual([]);
  });

  it("returns nothing for a bare topic", () => {
    expect(kb.detectFields("đăng ký kết hôn")).toEqual([]);
  });
});
