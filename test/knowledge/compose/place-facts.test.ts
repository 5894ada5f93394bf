import { describe, expect, it } from "vitest";
import { composeAnswer } from "../../../knowledge/compose/compose-answer.js";
import { parsePlacePhrases } from "../../../knowledge/compose/fact-phrases.js";
import { inPersonPlaces, mentionsVneid, placeByLevel } from "../../../knowledge/compose/place-facts.js";
import { parseDichvucongRecord } from "../../../knowledge/importers/dichvucong.js";
import type { Field, Procedure } from "../../../knowledge/procedure.js";
import { portalRecord } from "../importers/portal-records.js";

const record = (code: string) => parseDichvucongRecord(portalRecord(code));
const answer = (procedure: Procedure, fields: Field[]) =>
  composeAnswer(procedure, fields)
    .map((m) => m.text)
    .join("\n\n");

describe("where to file, from the portal data", () => {
  it("derives the commune one-stop office for a commune-level record with no place (birth registration)", () => {
    const procedure = record("1.001193");
    expect(procedure.agencies).toEqual([]);
    const text = answer(procedure, ["place"]);
    expect(text).toContain(
      "• Nộp trực tiếp tại: Bộ phận Một cửa của Ủy ban nhân dân xã, phường, đặc khu nơi bạn cư trú (Cổng Dịch vụ công chưa ghi rõ nơi nộp; đây là nơi nhận hồ sơ thông thường của thủ tục cấp xã).",
    );
    expect(text).toContain(`• Nộp trực tuyến: Cổng Dịch vụ công quốc gia`);
    expect(text).toContain(procedure.portalUrl);
    expect(text).not.toContain("chưa có thông tin về nơi nộp");
  });

  it("names the agency the record gives and the VNeID app only where the record mentions it", () => {
    const residence = record("1.004194");
    expect(mentionsVneid(residence)).toBe(true);
    const text = answer(residence, ["place"]);
    expect(text).toContain("• Cơ quan thực hiện: Công an cấp Xã");
    expect(text).not.toContain("Địa chỉ tiếp nhận: Công an cấp xã");
    expect(text).toContain("• Nộp trực tuyến: Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID: ");
    const company = record("2.001610");
    expect(mentionsVneid(company)).toBe(false);
    expect(answer(company, ["place"])).not.toContain("VNeID");
    expect(placeByLevel(company)).toBe("Trung tâm Phục vụ hành chính công tỉnh, thành phố");
  });

  it("takes the in-person place a channel description names, without its asides (passport, certified copies)", () => {
    expect(inPersonPlaces(record("1.001471"))).toEqual(["trụ sở Cục Quản lý xuất nhập cảnh"]);
    const copies = record("2.000815");
    expect(inPersonPlaces(copies)).toEqual([
      "Ủy ban nhân dân cấp xã, Tổ chức hành nghề công chứng",
      "cơ quan đại diện",
    ]);
    expect(answer(copies, ["place"])).toContain(
      "• Nộp trực tiếp tại: Ủy ban nhân dân cấp xã, Tổ chức hành nghề công chứng; cơ quan đại diện",
    );
    // "tại khoản 1 Điều 16 …" or "tại thời điểm nộp" is not a place; a place equal to the agency is not repeated.
    expect(answer(record("1.004194"), ["place"])).not.toContain("Nộp trực tiếp tại");
  });

  it("leaves out an empty part that rides along with an asked one ('làm online được không')", () => {
    const procedure = record("1.001193");
    const text = answer(procedure, ["online", "conditions"]);
    expect(procedure.conditions.join("")).toBe("");
    expect(text).toContain("NỘP TRỰC TUYẾN\nCó.");
    expect(text).not.toContain("ĐIỀU KIỆN");
    expect(text).not.toContain("chưa ghi rõ");
    // Asked alone, the empty part is said plainly.
    expect(answer(procedure, ["conditions"])).toContain("chưa ghi rõ điều kiện thực hiện");
  });

  it("reads its phrases from the reviewed file format", () => {
    expect(parsePlacePhrases("# c\nlevel\tCấp xã\tUBND xã\nvneid\tVNeID\ninperson\tTrụ sở\n")).toEqual({
      levels: [{ level: "cấp xã", place: "UBND xã" }],
      vneid: ["vneid"],
      inPerson: ["trụ sở"],
    });
  });
});
