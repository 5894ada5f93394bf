import { describe, expect, it } from "vitest";
import { parseDichvucongRecord } from "../../../knowledge/importers/dichvucong.js";
import { parseChannels } from "../../../knowledge/importers/parse-channels.js";
import { portalRecord } from "./portal-records.js";

describe("parseChannels: a unitless time run into an amount", () => {
  it("cuts '125 VNĐ' after the first digit when the note repeats no amount (company address change)", () => {
    const channels = parseDichvucongRecord(portalRecord("2.002041")).channels;
    expect(channels.map((c) => [c.channel, c.timeValue, c.fee.split("(")[0]?.trim()])).toEqual([
      ["Trực tuyến", 1, "100 VNĐ"],
      ["Dịch vụ bưu chính", 1, "25 VNĐ"],
      ["Trực tiếp", 1, "25 VNĐ"],
    ]);
  });

  it("still cuts where the note repeats the amount with its thousands ('120 VNĐ(20.000 vnđ …)')", () => {
    const { channels } = parseChannels(
      "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến120 VNĐ(20.000 vnđ /tờ khai)",
    );
    expect(channels[0]?.timeValue).toBe(1);
    expect(channels[0]?.fee).toBe("20 VNĐ (20.000 vnđ /tờ khai)");
  });

  it("does not take a shared first digit for a repeated amount ('125 VNĐ (… 50% … 47/2019 …)')", () => {
    const { channels } = parseChannels(
      "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp125 VNĐ(- Lệ phí: Bằng 50% mức thu (Thông tư số 47/2019/TT-BTC))",
    );
    expect(channels[0]?.timeValue).toBe(1);
    expect(channels[0]?.fee.startsWith("25 VNĐ")).toBe(true);
  });
});
