import { describe, expect, it } from "vitest";
import { composeClarify } from "../../../knowledge/compose/compose-clarify.js";
import { distinguishingLabels, MAX_LABEL_CHARS } from "../../../knowledge/compose/distinguishing-labels.js";
import type { SearchHit } from "../../../knowledge/decision-types.js";
import { encodePayload } from "../../../knowledge/payload.js";
import { makeProcedure } from "../../helpers/procedures.js";

function hits(names: string[], levels: string[][] = []): SearchHit[] {
  return names.map((name, i) => ({
    procedure: makeProcedure({ name, code: `1.0${13225 + i}`, levels: levels[i] ?? ["Cấp xã"] }),
    score: 1 - i / 10,
  }));
}

const labelsOf = (names: string[], levels: string[][] = []) =>
  composeClarify(hits(names, levels), []).buttons.map((b) => b.label);

function expectGoodLabels(labels: string[]) {
  expect(new Set(labels.map((l) => l.toLocaleLowerCase("vi"))).size).toBe(labels.length);
  for (const label of labels) {
    expect(label.length).toBeGreaterThan(0);
    expect(label.length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
  }
}

describe("composeClarify", () => {
  it("removes the shared prefix so building-permit labels tell the cases apart", () => {
    const labels = labelsOf([
      "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
      "Cấp giấy phép xây dựng mới đối với công trình không theo tuyến",
      "Cấp giấy phép xây dựng mới đối với công trình theo tuyến trong đô thị",
    ]);
    expect(labels).toEqual([
      "Nhà ở riêng lẻ",
      "Công trình không theo tuyến",
      "Công trình theo tuyến trong đô thị",
    ]);
  });

  it("keeps the level when only the parenthetical level differs", () => {
    const labels = labelsOf([
      "Cấp lại thẻ bảo hiểm y tế (thực hiện tại cấp tỉnh)",
      "Cấp lại thẻ bảo hiểm y tế (thực hiện tại cấp xã)",
    ]);
    expect(labels).toEqual(["Cấp tỉnh", "Cấp xã"]);
  });

  it("drops a shared tail and the 'Thủ tục' filler", () => {
    expect(
      labelsOf([
        "Cấp mới thẻ ABTC (thực hiện tại cấp trung ương)",
        "Cấp lại thẻ ABTC (thực hiện tại cấp trung ương)",
        "Cấp đổi thẻ căn cước (thực hiện tại cấp trung ương)",
      ]),
    ).toEqual(["Cấp mới thẻ ABTC", "Cấp lại thẻ ABTC", "Cấp đổi thẻ căn cước"]);
    expect(
      labelsOf([
        "Thủ tục đăng ký khai sinh",
        "Thủ tục đăng ký khai sinh lưu động",
        "Thủ tục đăng ký lại khai sinh",
      ]),
    ).toEqual(["Đăng ký khai sinh", "Đăng ký khai sinh lưu động", "Đăng ký lại khai sinh"]);
  });

  it("shortens real long portal names to the part that differs", () => {
    const labels = labelsOf([
      "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV (Công trình không theo tuyến/Theo tuyến trong đô thị/Tín ngưỡng, tôn giáo/Tượng đài, tranh hoành tráng/Theo giai đoạn cho công trình không theo tuyến/Theo giai đoạn cho công trình theo tuyến trong đô thị/Dự án) và nhà ở riêng lẻ",
      "Cấp giấy phép xây dựng mới công trình cấp đặc biệt, cấp I, cấp II (Công trình không theo tuyến/Theo tuyến trong đô thị/Tín ngưỡng, tôn giáo/Tượng đài, tranh hoành tráng/Theo giai đoạn cho công trình không theo tuyến/Theo giai đoạn cho công trình theo tuyến trong đô thị/Dự án)",
    ]);
    expectGoodLabels(labels);
    expect(labels).toEqual(["Cấp III, cấp IV và nhà ở riêng lẻ", "Cấp đặc biệt, cấp I, cấp II"]);
  });

  it("falls back to names cut after a whole phrase when names share nothing", () => {
    const labels = labelsOf([
      "Thủ tục đăng ký kết hôn",
      "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
      "Liên thông các thủ tục hành chính về đăng ký khai sinh, cấp Thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    ]);
    expectGoodLabels(labels);
    expect(labels[0]).toBe("Đăng ký kết hôn");
    expect(labels[2]).toBe("Liên thông các thủ tục hành chính về đăng ký khai sinh");
  });

  it("keeps identical names apart with their level or code", () => {
    const sameLevel = labelsOf([
      "Hỗ trợ phát triển sản xuất cộng đồng.",
      "Hỗ trợ phát triển sản xuất cộng đồng.",
    ]);
    expectGoodLabels(sameLevel);
    expect(sameLevel[0]).toContain("1.013225");
    const otherLevel = labelsOf(
      ["Cấp lại thẻ bảo hiểm y tế", "Cấp lại thẻ bảo hiểm y tế"],
      [["Cấp tỉnh"], ["Cấp xã"]],
    );
    expectGoodLabels(otherLevel);
    expect(otherLevel[1]).toContain("Cấp xã");
  });

  it("lists the full names numbered, at most 5, with pick payloads and the asked parts", () => {
    const names = ["A", "B", "C", "D", "E", "F"].map((x) => `Thủ tục đăng ký hộ kinh doanh loại ${x}`);
    const message = composeClarify(hits(names), ["documents", "fee"]);
    expect(message.text.split("\n")[0]).toBe("Bạn muốn hỏi thủ tục nào dưới đây?");
    expect(message.text).toContain("1. Thủ tục đăng ký hộ kinh doanh loại A");
    expect(message.text).toContain("5. Thủ tục đăng ký hộ kinh doanh loại E");
    expect(message.text).not.toContain("loại F");
    expect(message.text).toContain("để xem thành phần hồ sơ và phí, lệ phí");
    expect(message.buttons).toHaveLength(5);
    expect(message.buttons[0]?.payload).toBe(encodePayload({ type: "pick", code: "1.013225" }));
    expectGoodLabels(message.buttons.map((b) => b.label));
    expect(message.text.length).toBeLessThanOrEqual(2000);
  });

  it("shows levels in the list only when they differ", () => {
    const message = composeClarify(
      hits(
        ["Cấp lại thẻ bảo hiểm y tế", "Cấp lại thẻ bảo hiểm y tế (thực hiện tại cấp xã)"],
        [["Cấp tỉnh"], ["Cấp xã"]],
      ),
      [],
    );
    expect(message.text).toContain("1. Cấp lại thẻ bảo hiểm y tế (Cấp tỉnh)");
  });
});

describe("distinguishingLabels", () => {
  it("labels a single candidate with its short name", () => {
    expect(distinguishingLabels([{ name: "Thủ tục đăng ký khai sinh", code: "1.001193" }])).toEqual([
      "Đăng ký khai sinh",
    ]);
  });
});
