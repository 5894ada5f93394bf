import { describe, expect, it } from "vitest";
import {
  distinguishingLabels,
  type LabelCandidate,
  MAX_LABEL_CHARS,
} from "../../../knowledge/compose/distinguishing-labels.js";
import { readProceduresFile } from "../../../knowledge/importers/read-procedures-file.js";
import { candidateSets, labelProblems } from "./label-sweep.js";

const KINDS =
  "(Công trình không theo tuyến/Theo tuyến trong đô thị/Tín ngưỡng, tôn giáo/Tượng đài, tranh hoành tráng/Theo giai đoạn cho công trình không theo tuyến/Theo giai đoạn cho công trình theo tuyến trong đô thị/Dự án)";

const labelsOf = (names: string[], levels: string[][] = []) =>
  distinguishingLabels(
    names.map(
      (name, i): LabelCandidate => ({ name, code: `1.0${13225 + i}`, levels: levels[i] ?? ["Cấp xã"] }),
    ),
  );

describe("distinguishingLabels on real portal sets", () => {
  it("labels building permits by the works they allow, not by the shared class of building", () => {
    const labels = labelsOf([
      `Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV ${KINDS} và nhà ở riêng lẻ`,
      `Cấp giấy phép di dời đối với công trình cấp III, cấp IV ${KINDS} và nhà ở riêng lẻ`,
      `Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình cấp III, cấp IV ${KINDS} và nhà ở riêng lẻ:`,
      "Cho ý kiến về việc kéo dài thời hạn sử dụng của công trình hết thời hạn sử dụng theo thiết kế nhưng có nhu cầu sử dụng tiếp (trừ trường hợp nhà ở riêng lẻ)",
    ]);
    expect(labels).toEqual([
      "Xây dựng mới",
      "Di dời",
      "Xây dựng sửa chữa, cải tạo",
      "Cho ý kiến về việc kéo dài thời hạn sử dụng",
    ]);
    expect(labelProblems(labels, MAX_LABEL_CHARS)).toEqual([]);
  });

  it("combines a differing leading verb with a differing object, ignoring case", () => {
    expect(
      labelsOf([
        "Cấp Giấy phép xây dựng, cải tạo, nâng cấp đường ngang",
        "Cấp giấy phép xây dựng công trình thiết yếu, dùng chung với đường sắt",
        "Gia hạn Giấy phép xây dựng, cải tạo, nâng cấp đường ngang",
        "Gia hạn giấy phép xây dựng công trình thiết yếu, dùng chung với đường sắt",
      ]),
    ).toEqual([
      "Cấp – cải tạo, nâng cấp đường ngang",
      "Cấp – công trình thiết yếu, dùng chung với đường sắt",
      "Gia hạn – cải tạo, nâng cấp đường ngang",
      "Gia hạn – công trình thiết yếu, dùng chung với đường sắt",
    ]);
  });

  it("tells names apart by a trailing level aside", () => {
    expect(
      labelsOf([
        "Cấp lại thẻ bảo hiểm y tế (thực hiện tại cấp tỉnh)",
        "Cấp lại thẻ bảo hiểm y tế (thực hiện tại cấp xã)",
      ]),
    ).toEqual(["Cấp tỉnh", "Cấp xã"]);
    expect(
      labelsOf([
        "Chuyển nhượng quyền thăm dò khoáng sản (cấp Bộ)",
        "Chuyển nhượng quyền thăm dò khoáng sản (cấp Tỉnh)",
        "Chuyển nhượng quyền khai thác khoáng sản (cấp Bộ)",
      ]),
    ).toEqual([
      "Chuyển nhượng quyền thăm dò khoáng sản – cấp Bộ",
      "Chuyển nhượng quyền thăm dò khoáng sản – cấp Tỉnh",
      "Chuyển nhượng quyền khai thác khoáng sản",
    ]);
  });

  it("keeps the head word of a differing class and the phrase a short modifier belongs to", () => {
    expect(
      labelsOf([
        `Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV ${KINDS} và nhà ở riêng lẻ`,
        `Cấp giấy phép xây dựng mới công trình cấp đặc biệt, cấp I, cấp II ${KINDS}`,
      ]),
    ).toEqual(["Cấp III, cấp IV và nhà ở riêng lẻ", "Cấp đặc biệt, cấp I, cấp II"]);
    expect(
      labelsOf([
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ tại khu vực nông thôn",
        "Cấp giấy phép xây dựng mới đối với công trình không theo tuyến tại khu vực nông thôn",
        "Cấp giấy phép xây dựng mới đối với công trình theo tuyến trong đô thị tại khu vực nông thôn",
      ]),
    ).toEqual(["Nhà ở riêng lẻ", "Công trình không theo tuyến", "Công trình theo tuyến trong đô thị"]);
  });

  it("shows whole names when they fit and the difference is inside a word group", () => {
    expect(
      labelsOf(["Thủ tục đăng ký quyền sở hữu tàu bay", "Thủ tục đăng ký quyền chiếm hữu tàu bay"]),
    ).toEqual(["Đăng ký quyền sở hữu tàu bay", "Đăng ký quyền chiếm hữu tàu bay"]);
  });

  it("falls back to the level, then the code, only for identical names", () => {
    expect(
      labelsOf(["Hỗ trợ phát triển sản xuất.", "Hỗ trợ phát triển sản xuất."], [["Cấp tỉnh"], ["Cấp xã"]]),
    ).toEqual(["Hỗ trợ phát triển sản xuất (Cấp tỉnh)", "Hỗ trợ phát triển sản xuất (Cấp xã)"]);
    expect(labelsOf(["Hỗ trợ phát triển sản xuất.", "Hỗ trợ phát triển sản xuất."])).toEqual([
      "Hỗ trợ phát triển sản xuất (mã 1.013225)",
      "Hỗ trợ phát triển sản xuất (mã 1.013226)",
    ]);
  });
});

describe("distinguishingLabels over the real corpus", () => {
  const { procedures } = readProceduresFile("assets/procedures-dichvucong.jsonl.gz");
  const sets = candidateSets(procedures, 12);

  it("gives every set of 2–5 alike names short, unique, tidy labels", () => {
    expect(sets.length).toBeGreaterThan(2500);
    const failures: string[] = [];
    let codeOnDifferentNames = 0;
    for (const set of sets) {
      const labels = distinguishingLabels(set.map((p) => ({ name: p.name, code: p.code, levels: p.levels })));
      const problems = labelProblems(labels, MAX_LABEL_CHARS);
      if (problems.length > 0)
        failures.push(`${problems.join("; ")} ← ${set.map((p) => p.name).join(" | ")}`);
      const names = new Set(set.map((p) => p.name.toLocaleLowerCase("vi")));
      if (names.size === set.length && labels.some((l) => l.includes("(mã "))) codeOnDifferentNames++;
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(codeOnDifferentNames / sets.length).toBeLessThan(0.02);
  });
});
