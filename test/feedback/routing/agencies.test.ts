import { describe, expect, it } from "vitest";
import { createAgencyDirectory, loadAgencies, parseAgencies } from "../../../feedback/routing/agencies.js";
import { AGENCIES_TSV } from "./fixtures.js";

describe("agency directory", () => {
  it("parses the list and skips comments, rows without a name and duplicate or malformed ids", () => {
    const rows = parseAgencies(`${AGENCIES_TSV}\nthue\tAgain\t\ttinh\nno-name\nBad Id\tX\t\ttinh\n`);
    expect(rows.map((a) => a.id)).toEqual(["so-nn-mt", "thue", "so-giao-duc", "ubnd-xa"]);
    expect(rows[1]).toEqual({
      id: "thue",
      name: "Thuế tỉnh",
      aliases: ["thuế", "cục thuế"],
      level: "nganh-doc",
    });
  });

  it("resolves free-form agency names by id, name or alias, ignoring case and diacritics", () => {
    const dir = createAgencyDirectory(parseAgencies(AGENCIES_TSV));
    expect(dir.resolve("thue")?.id).toBe("thue");
    expect(dir.resolve("Cục Thuế tỉnh Bình Dương")?.id).toBe("thue");
    expect(dir.resolve("CUC QUAN LY DAT DAI, Bo Tai nguyen va Moi truong")?.id).toBe("so-nn-mt");
    expect(dir.resolve("Ngân hàng Nhà nước")).toBeUndefined();
  });

  it("maps the varied agency strings of real answers to the bundled canonical agencies", () => {
    const dir = loadAgencies();
    const cases: Record<string, string> = {
      "Cục Quản lý đất đai, Bộ Nông nghiệp và Môi trường": "so-nn-mt",
      "Sở Tài chính Hà Tĩnh": "so-tai-chinh",
      "Sở Kế hoạch và Đầu tư": "so-tai-chinh",
      "Thuế cơ sở 24 Thành phố Hồ Chí Minh": "thue",
      "Bảo hiểm xã hội TP. Hồ Chí Minh": "bhxh",
      "Bộ Lao động – Thương binh và Xã hội (cũ)": "so-noi-vu",
      "Sở Giao thông vận tải": "so-xay-dung",
      "Công an cấp Xã": "cong-an",
      "Uỷ ban Nhân dân cấp xã, phường, thị trấn": "ubnd-xa",
    };
    for (const [name, id] of Object.entries(cases)) expect(dir.resolve(name)?.id, name).toBe(id);
  });
});
