import { describe, expect, it } from "vitest";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";
import { accentedTerms, accentKey } from "../../knowledge/normalize.js";

const kb = createKnowledgeBase(readProceduresFile("assets/procedures-dichvucong.jsonl.gz").procedures);
const top = (q: string, n = 1) => kb.search(q, n).map((h) => h.procedure.name);

describe("ranking a citizen would notice", () => {
  it("ranks common procedures the same with or without diacritics", () => {
    for (const [accented, plain] of [
      ["đăng ký khai sinh cho con", "dang ky khai sinh cho con"],
      ["đăng ký kết hôn", "dang ky ket hon"],
      ["đăng ký tạm trú", "dang ky tam tru"],
    ]) {
      expect(top(plain as string)).toEqual(top(accented as string));
    }
  });

  it("prefers the base procedure unless the message names the variant", () => {
    expect(top("đăng ký khai sinh")[0]).toBe("Thủ tục đăng ký khai sinh");
    expect(top("đăng ký kết hôn")[0]).toBe("Thủ tục đăng ký kết hôn");
    expect(top("đăng ký kết hôn với người nước ngoài")[0]).toMatch(/nước ngoài/);
    // Building a house is a new building's permit, answered without asking whether it is a
    // repair; repair or renovation is asked for by name.
    const build = kb.decide("xin giay phep xay nha 3 tang can nhung gi");
    expect([build.action, build.hits[0]?.procedure.name]).toEqual([
      "answer",
      expect.stringMatching(/^Cấp giấy phép xây dựng mới/),
    ]);
    expect(top("sửa nhà, nâng thêm tầng có phải xin giấy phép xây dựng không")[0]).toMatch(
      /sửa chữa, cải tạo/,
    );
  });

  it("understands everyday words and spelled-out abbreviations", () => {
    expect(top("bố tôi mới qua đời")[0]).toBe("Thủ tục đăng ký khai tử");
    expect(top("so bao hiem xa hoi bi rach muon cap lai")[0]).toMatch(/sổ BHXH/);
  });

  it("reads an unaccented syllable the way its neighbours do in procedure names", () => {
    // "dinh chinh" is "đính chính", not the "đình" of "hộ gia đình".
    const accented = top("sổ đỏ nhà em ghi sai tên chủ hộ muốn đính chính lại thì cần gì");
    expect(accented[0]).toMatch(/^Đính chính/);
    expect(top("so do nha em ghi sai ten chu ho muon dinh chinh lai thi can gi")).toEqual(accented);
  });

  it("does not match a word typed with other diacritics by accident", () => {
    const names = top("hỗ trợ mai táng", 3).join(" | ");
    expect(names).not.toMatch(/thương mại/);
  });
});

describe("accent keys", () => {
  it("tell apart words with the same letters and agree on i/y spellings", () => {
    expect(accentKey("mại")).not.toBe(accentKey("mai"));
    expect(accentKey("kỹ")).toBe(accentKey("kĩ"));
    expect(accentedTerms("dang ky khai sinh")).toBeUndefined();
    expect(accentedTerms("đăng ký khai sinh")?.get("khai sinh")?.size).toBe(1);
  });
});
