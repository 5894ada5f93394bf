import { describe, expect, it } from "vitest";
import { parseDichvucongRecord } from "../../../knowledge/importers/dichvucong.js";
import { portalRecord } from "./portal-records.js";

describe("parseDichvucongRecord on real portal records", () => {
  it("reads a unitless time run into the fee (Trực tuyến1Miễn phí) and keeps compound audiences whole", () => {
    const p = parseDichvucongRecord(portalRecord("1.007664"));
    expect(p.channels.map((c) => c.channel)).toEqual(["Trực tuyến", "Trực tiếp"]);
    expect(p.channels[0]).toMatchObject({ timeValue: 1, timeUnit: null, timeText: "1", fee: "Miễn phí" });
    expect(p.levels).toEqual(["Cấp bộ", "Cấp xã"]);
    expect(p.audience).toContain("Cán bộ, công chức, viên chức");
    expect(p.audience).toContain("Tổ chức (không bao gồm doanh nghiệp, HTX)");
    expect(p.audience).toHaveLength(4);
  });

  it("separates time digits from an amount that follows without a unit (Trực tuyến120 VNĐ(20.000 vnđ /tờ khai))", () => {
    const p = parseDichvucongRecord(portalRecord("1.000014"));
    expect(p.channels[0]).toMatchObject({ channel: "Trực tuyến", timeValue: 1, timeUnit: null });
    expect(p.channels[0]?.fee).toBe("20 VNĐ (20.000 vnđ /tờ khai)");
  });

  it("reads a money fee with its note and the description after it", () => {
    const p = parseDichvucongRecord(portalRecord("1.014900"));
    const direct = p.channels.find((c) => c.channel === "Trực tiếp");
    expect(direct?.timeText).toBe("5 Ngày làm việc");
    expect(direct?.timeValue).toBe(5);
    expect(direct?.fee.startsWith("50,000 Việt Nam Đồng (Phí : 50.000 Đồng")).toBe(true);
    expect(direct?.description.startsWith("+ Trực tiếp: nộp hồ sơ trực tiếp")).toBe(true);
    expect(p.channels).toHaveLength(3);
  });

  it("reads a complaint procedure: no-information fee, documents, legal pairs, result, steps", () => {
    const p = parseDichvucongRecord(portalRecord("1.000178"));
    expect(p.channels).toEqual([
      expect.objectContaining({ channel: "Dịch vụ bưu chính", timeText: "60 Ngày làm việc", fee: "" }),
      expect.objectContaining({ channel: "Trực tiếp", timeValue: 60, timeUnit: "Ngày làm việc", fee: "" }),
    ]);
    expect(p.channels[0]?.description.startsWith("Thời hạn giải quyết khiếu nại lần đầu")).toBe(true);
    expect(p.documents).toHaveLength(8);
    expect(p.documents).toContainEqual({
      name: "Đơn khiếu nại hoặc bản ghi nội dung khiếu nại",
      quantity: "1 bản chính",
      form: "",
      kind: "submit",
      group: "",
    });
    expect(p.legalBasis).toContainEqual({ title: "Luật Khiếu nại năm 2011", number: "02/2011/QH13" });
    expect(p.legalBasis).toContainEqual({ title: "Nghị định 05/2012/NĐ-CP", number: "05/2012/NĐ-CP" });
    expect(p.legalBasis.map((l) => l.number)).toEqual([
      "68/2013/TT-BCA",
      "02/2011/QH13",
      "11/2015/TT-BCA",
      "05/2012/NĐ-CP",
    ]);
    expect(p.results).toEqual(["Quyết định giải quyết khiếu nại lần 1, lần 2"]);
    expect(p.steps).toHaveLength(5);
    expect(p.steps[0]?.startsWith("Thụ lý giải quyết khiếu nại")).toBe(true);
    expect(p.agencies).toEqual(["Thanh tra Bộ"]);
    expect(p.authority).toBe("Bộ Công an");
    expect(p.conditions[1]?.startsWith("Người khiếu nại phải là người có quyền")).toBe(true);
  });

  it("marks papers to present after a 'Giấy tờ phải xuất trình' heading", () => {
    const p = parseDichvucongRecord(portalRecord("1.000080"));
    expect(p.documents.some((d) => d.kind === "submit")).toBe(true);
    const present = p.documents.filter((d) => d.kind === "present");
    expect(present.length).toBeGreaterThan(5);
    expect(
      present.some(
        (d) => d.name.startsWith("- Hộ chiếu/Thẻ căn cước công dân") && d.quantity === "1 bản chính",
      ),
    ).toBe(true);
  });

  it("turns case headings into groups", () => {
    const p = parseDichvucongRecord(portalRecord("1.007887"));
    expect(p.documents[0]?.group).toBe("a) Đối với xe ô tô, xe gắn máy của cơ quan");
    expect(p.documents[1]?.group).toBe("b) Đối với xe ô tô, xe gắn máy của cá nhân");
    expect(p.documents[3]?.quantity).toBe("0 bản chính,1 bản sao");
  });

  it("splits the form file name off the paper name", () => {
    const p = parseDichvucongRecord(portalRecord("2.000639"));
    expect(p.documents.find((d) => d.form === "Mau01-BK(BHYT).doc")?.name).toBe(
      "a) Tờ khai tham gia bảo hiểm y tế;",
    );
    expect(p.legalBasis[0]?.number).toBe("09/2015/TTLT-BCA-BYT-BTC");
  });

  it("NFC-normalizes decomposed (NFD) text", () => {
    const raw = portalRecord("1.002549");
    expect(String(raw.ten_thu_tuc).normalize("NFC")).not.toBe(raw.ten_thu_tuc);
    const p = parseDichvucongRecord(raw);
    expect(p.name).toBe(p.name.normalize("NFC"));
    expect(p.name.startsWith("Cấp Giấy chứng nhận đủ điều kiện sản xuất thuốc thú y")).toBe(true);
    expect(p.channels[0]?.fee.startsWith("1,025,000 Việt Nam Đồng")).toBe(true);
    expect(JSON.stringify(p)).toBe(JSON.stringify(p).normalize("NFC"));
  });

  it("gives empty lists for empty sections", () => {
    const p = parseDichvucongRecord(portalRecord("3.000364"));
    expect(p.documents).toEqual([]);
    expect(p.documentNotes).toEqual([]);
    expect(p.channels.map((c) => c.timeText)).toEqual([
      "15 Ngày làm việc",
      "15 Ngày làm việc",
      "15 Ngày làm việc",
    ]);
  });

  it("puts back a channel table the scrape spilled into the legal-basis cell", () => {
    const p = parseDichvucongRecord(portalRecord("3.000337"));
    expect(p.channels.map((c) => c.channel)).toEqual(["Trực tuyến", "Dịch vụ bưu chính", "Trực tiếp"]);
    expect(
      p.channels.every((c) => c.timeText === "1 Ngày" && c.fee.startsWith("100 VNĐ (Căn cứ pháp lý")),
    ).toBe(true);
    expect(p.legalBasis).toEqual([]);
  });

  it("imports any record with a code and a name, whatever else is missing or odd", () => {
    const p = parseDichvucongRecord({
      ma_thu_tuc: "9.999",
      ten_thu_tuc: "Thủ tục thử",
      cach_thuc_thuc_hien: 42,
    });
    expect(p).toMatchObject({
      code: "9.999",
      name: "Thủ tục thử",
      channels: [],
      documents: [],
      legalBasis: [],
    });
    const q = parseDichvucongRecord({
      ma_thu_tuc: "9.998",
      ten_thu_tuc: "X",
      cach_thuc_thuc_hien:
        "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp3 Ngày làm việcLệ phí : 50.000 Đồng",
      can_cu_phap_ly: "Không có thông tin",
      thanh_phan_ho_so: "--",
    });
    expect(q.channels[0]).toMatchObject({ timeText: "3 Ngày làm việc", fee: "Lệ phí : 50.000 Đồng" });
  });
});
