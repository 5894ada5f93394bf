import { describe, expect, it } from "vitest";
import { checkRecordQuality, summarizeQuality } from "../../../knowledge/importers/parse-quality.js";
import { portalRecord, portalRecords } from "./portal-records.js";

describe("parse quality", () => {
  it("says a cleanly parsed record is full", () => {
    expect(checkRecordQuality(portalRecord("1.000178"))).toEqual({
      code: "1.000178",
      full: true,
      problems: [],
    });
  });

  it("names what is missing in a partly parsed record", () => {
    const q = checkRecordQuality({
      ma_thu_tuc: "9.1",
      ten_thu_tuc: "Thử",
      cach_thuc_thuc_hien: "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếpMiễn phí",
      thanh_phan_ho_so: "Nộp hồ sơ tại bộ phận một cửa",
      can_cu_phap_ly: "Tên văn bản pháp lýMã văn bảnLuật Đất đai",
    });
    expect(q.full).toBe(false);
    expect(q.problems).toContain("documents: no document table");
    expect(q.problems.some((p) => p.startsWith("channels: Trực tiếp: time not found"))).toBe(true);
    expect(q.problems.some((p) => p.startsWith("legal basis: legal document without number"))).toBe(true);
  });

  it("parses more than 95% of the 2,642 portal records fully", () => {
    const s = summarizeQuality(portalRecords().values());
    expect(s.records).toBe(2642);
    expect(s.rate).toBeGreaterThan(0.94);
    expect(s.partial).toHaveLength(s.records - s.fullyParsed);
  });
});
