import { describe, expect, it } from "vitest";
import { parseDichvucongRecord } from "../../../knowledge/importers/dichvucong.js";
import { orderNumberedPapers } from "../../../knowledge/importers/order-papers.js";
import { makeDocument } from "../../helpers/procedures.js";
import { portalRecord } from "./portal-records.js";

describe("orderNumberedPapers", () => {
  it("restores the portal's own numbering within a case group and leaves other groups alone", () => {
    const docs = [
      makeDocument({ name: "(2) Mảnh trích đo bản đồ địa chính", group: "a) Mất Giấy chứng nhận" }),
      makeDocument({ name: "(1) Đơn đăng ký biến động", group: "a) Mất Giấy chứng nhận" }),
      makeDocument({ name: "Giấy tờ khác", group: "a) Mất Giấy chứng nhận" }),
      makeDocument({ name: "Tờ khai", group: "b) Mất Trang bổ sung" }),
      makeDocument({ name: "Bản gốc Giấy chứng nhận", group: "b) Mất Trang bổ sung" }),
    ];
    expect(orderNumberedPapers(docs).map((d) => d.name)).toEqual([
      "(1) Đơn đăng ký biến động",
      "(2) Mảnh trích đo bản đồ địa chính",
      "Giấy tờ khác",
      "Tờ khai",
      "Bản gốc Giấy chứng nhận",
    ]);
  });

  it("puts the application form first for a real land-certificate record", () => {
    const p = parseDichvucongRecord(portalRecord("1.012786"));
    expect(p.documents[0]?.name).toMatch(/^\(1\) Đơn đăng ký biến động/);
  });
});
