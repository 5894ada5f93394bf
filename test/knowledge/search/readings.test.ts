import { describe, expect, it } from "vitest";
import { accentKey } from "../../../knowledge/normalize.js";
import {
  bundledEverydayReadings,
  parseEverydayReadings,
  SyllableReadings,
} from "../../../knowledge/search/readings.js";

const NAMES = [
  "Hỗ trợ đầu tư tưới tiên tiến, tiết kiệm nước",
  "Hoàn tiền chậm nộp, tiền phạt nộp thừa",
  "Thu phí bảo vệ môi trường",
  "Trình báo mất hộ chiếu",
  "Sản xuất bao bì",
  "Đính chính giấy chứng nhận",
  "Đăng ký hộ gia đình",
];
const keys = (...words: string[]) => new Set(words.map(accentKey));

describe("reading unaccented words from everyday phrases", () => {
  it("reads the money of 'mat bao nhieu tien' as tiền, not the tiên tiến of a name", () => {
    const readings = new SyllableReadings(NAMES, ["bao nhiêu tiền"]);
    const context = readings.inContext("ra xa cong chung mat bao nhieu tien".split(" "));
    expect(context.get("tien")).toEqual(keys("tiền"));
    // Without the everyday phrase nothing in the names says which "tien" is meant.
    expect(
      new SyllableReadings(NAMES, []).inContext("mat bao nhieu tien".split(" ")).get("tien"),
    ).toBeUndefined();
  });

  it("lets an everyday phrase overrule a name pair that reads its word otherwise", () => {
    // Names say "phi bao" is "phí bảo (vệ)"; the citizen asks "phí bao nhiêu".
    const tokens = "phi bao nhieu".split(" ");
    expect(new SyllableReadings(NAMES, []).inContext(tokens).get("bao")).toEqual(keys("bảo"));
    expect(new SyllableReadings(NAMES, ["bao nhiêu"]).inContext(tokens).get("bao")).toEqual(keys("bao"));
  });

  it("still reads words outside everyday phrases by their neighbours in names", () => {
    const readings = new SyllableReadings(NAMES, ["bao nhiêu tiền"]);
    expect(readings.inContext("muon dinh chinh so".split(" ")).get("dinh")).toEqual(keys("đính"));
  });

  it("leaves a word unread where two everyday phrases read it differently", () => {
    const keysAt = bundledEverydayReadings().keysAt("thue nha moi thang".split(" "));
    expect(keysAt[2]).toBeUndefined();
    expect(bundledEverydayReadings().keysAt("dong tien moi thang".split(" "))[2]).toBe(accentKey("mỗi"));
  });

  it("reads a word next to any number as the everyday phrase with <số> spells it", () => {
    const names = ["Cấp thẻ cho người Việt Nam", "Thu phí hằng năm", "Đăng ký cư trú", "Người cao tuổi"];
    const readings = new SyllableReadings(names, ["năm <số>", "<số> năm"]);
    expect(readings.inContext("so cap tu nam 1998".split(" ")).get("nam")).toEqual(keys("năm"));
    expect(readings.inContext("o day 5 nam roi".split(" ")).get("nam")).toEqual(keys("năm"));
    expect(readings.inContext("nguoi viet nam".split(" ")).get("nam")).not.toEqual(keys("năm"));
  });

  it("leaves a skipped word (already read by the dictionary) without an everyday reading", () => {
    const readings = new SyllableReadings(NAMES, ["bao nhiêu tiền"]);
    const context = readings.inContext(["bao", "nhieu", "tien"], [false, false, true]);
    expect(context.get("tien")).toBeUndefined();
  });

  it("reads the bundled file: phrases of two words or more, comments left out", () => {
    expect(parseEverydayReadings("# note\nbao nhiêu tiền\ntiền\n\n  nghỉ việc  ")).toEqual([
      "bao nhiêu tiền",
      "nghỉ việc",
    ]);
    const keysAt = (text: string) => bundledEverydayReadings().keysAt(text.split(" "));
    expect(keysAt("het bao nhieu tien")).toEqual(["hết", "bao", "nhiêu", "tiền"].map(accentKey));
    expect(keysAt("sap nghi viec")).toEqual([undefined, accentKey("nghỉ"), accentKey("việc")]);
  });
});
