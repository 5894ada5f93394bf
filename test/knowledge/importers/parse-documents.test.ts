import { describe, expect, it } from "vitest";
import { parseDichvucongRecord } from "../../../knowledge/importers/dichvucong.js";
import { parseDocuments } from "../../../knowledge/importers/parse-documents.js";
import { portalRecord } from "./portal-records.js";

const names = (code: string) => parseDichvucongRecord(portalRecord(code)).documents.map((d) => d.name);

describe("parseDocuments: debris before a paper's name", () => {
  it("drops a stray bracket or dots the scrape left before a name (real records)", () => {
    expect(names("1.002645").some((n) => n.startsWith("Bản sao có chứng thực hoặc bản sao điện tử"))).toBe(
      true,
    );
    expect(names("1.000633").some((n) => n.startsWith("Nghiên cứu khả thi:"))).toBe(true);
    for (const code of ["1.002645", "1.000633", "1.003712", "1.007919", "1.009528"]) {
      for (const name of names(code)) expect(name, code).not.toMatch(/^[-+*•–—]?\s*[)\]}.,;:…]/u);
    }
  });

  it("skips a row whose name is only punctuation and reports it", () => {
    const parsed = parseDocuments(
      "Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai đề nghị1 bản chính)0 bản chính",
    );
    expect(parsed.documents.map((d) => d.name)).toEqual(["Tờ khai đề nghị"]);
    expect(parsed.problems).toContain('paper name ")" is only punctuation');
  });
});
