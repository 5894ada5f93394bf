import { describe, expect, it } from "vitest";
import { composeAnswer } from "../../../knowledge/compose/compose-answer.js";
import { isDossierBroken, isFragment } from "../../../knowledge/compose/fragments.js";
import { parseDichvucongRecord } from "../../../knowledge/importers/dichvucong.js";
import { portalRecord } from "../importers/portal-records.js";

const record = (code: string) => parseDichvucongRecord(portalRecord(code));

describe("broken portal text", () => {
  it("detects fragments: closing punctuation first, mid-sentence start, unbalanced brackets", () => {
    expect(isFragment(") và nộp cho cơ quan BHXH. Bước 2. Cơ quan BHXH tiếp nhận hồ sơ")).toBe(true);
    expect(isFragment("; nộp hồ sơ cho đơn vị quản lý.")).toBe(true);
    expect(isFragment("và nộp cho Tổ chức dịch vụ hoặc cơ quan BHXH")).toBe(true);
    expect(isFragment("Tờ khai (mẫu TK1-TS")).toBe(true);
    expect(isFragment("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)")).toBe(false);
    expect(isFragment("a) Người đang làm việc (có hợp đồng): nộp cho đơn vị")).toBe(false);
    expect(isFragment("(ii) Bản sao hợp đồng ủy quyền")).toBe(false);
  });

  it("finds the social-insurance records whose dossier part holds cut-off steps, and no ordinary one", () => {
    for (const code of ["1.001613", "1.002051", "1.001939", "1.002759", "2.000693"]) {
      expect(isDossierBroken(record(code)), code).toBe(true);
    }
    for (const code of ["1.004194", "1.001193", "3.000333"])
      expect(isDossierBroken(record(code)), code).toBe(false);
  });

  it("says a broken dossier plainly with the link and the agency, never the fragment (one-time BHXH withdrawal)", () => {
    const procedure = record("1.001613");
    const text = composeAnswer(procedure, ["documents"])
      .map((m) => m.text)
      .join("\n\n");
    expect(text).toContain(
      `HỒ SƠ CẦN NỘP\nCổng Dịch vụ công quốc gia chưa ghi rõ thành phần hồ sơ của thủ tục này; xem bản đầy đủ: ${procedure.portalUrl}`,
    );
    expect(text).toContain("Bạn có thể liên hệ Bảo hiểm xã hội cấp Tỉnh");
    expect(text).not.toContain(") và nộp");
    expect(text).not.toContain("Bước 2.");
  });
});

describe("the overview of a record with a broken dossier part", () => {
  it("says the dossier is not written clearly instead of quoting the fragment", () => {
    const text = composeAnswer(record("1.001613"), [])
      .map((m) => m.text)
      .join("\n");
    expect(text).toContain("• Hồ sơ: Cổng Dịch vụ công chưa ghi rõ, xem bản đầy đủ theo đường dẫn bên dưới");
    expect(text).not.toContain(") và nộp");
  });
});
