import { describe, expect, it } from "vitest";
import type { Procedure } from "../../../knowledge/procedure.js";
import { bm25Baseline, bm25Terms } from "../../../scripts/bench/bm25-baseline.js";

const proc = (code: string, name: string) => ({ code, name }) as unknown as Procedure;

describe("bm25Baseline", () => {
  it("reads folded syllables and their adjacent pairs", () => {
    expect(bm25Terms("Đăng ký khai sinh")).toEqual([
      "dang",
      "ky",
      "khai",
      "sinh",
      "dang ky",
      "ky khai",
      "khai sinh",
    ]);
  });

  it("ranks names by shared rare words, with or without diacritics", () => {
    const rank = bm25Baseline([
      proc("A", "Đăng ký kết hôn"),
      proc("B", "Đăng ký khai sinh"),
      proc("C", "Đăng ký khai tử"),
      proc("D", "Cấp giấy phép xây dựng"),
    ]);
    expect(rank("dang ky khai sinh cho con", 2)).toEqual(["B", "C"]);
    expect(rank("xin giấy phép xây nhà", 5)).toEqual(["D"]);
    expect(rank("thời tiết hôm nay", 5)).toEqual([]);
  });
});
