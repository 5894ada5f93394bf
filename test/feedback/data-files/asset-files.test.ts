import { describe, expect, it } from "vitest";
import {
  ASSET_NAMES,
  agencyDirectoryOf,
  checkAssetContent,
} from "../../../feedback/data-files/asset-files.js";
import { readBundledAsset } from "../../../feedback/data-files/asset-overrides.js";

const agencies = agencyDirectoryOf(readBundledAsset("agencies.tsv"));

describe("checking an edited data file with its real parser", () => {
  it("accepts every bundled file as shipped", () => {
    for (const name of ASSET_NAMES) {
      const check = checkAssetContent(name, readBundledAsset(name), agencies);
      expect(check.problems, name).toEqual([]);
      expect(check.summary, name).toMatch(/^\d+/);
    }
  });

  it("names the line of a broken agency: missing tab, bad id, duplicate id, unknown level", () => {
    const text = [
      "# comment",
      "so-a\tSở A\ta\ttinh",
      "Sở B không có mã",
      "So C\tSở C\t\ttinh",
      "so-a\tSở A lần hai\t\ttinh",
      "so-d\tSở D\t\thuyen",
    ].join("\n");
    expect(checkAssetContent("agencies.tsv", text, agencies).problems).toEqual([
      { line: 3, message: expect.stringContaining("thiếu dấu Tab") },
      { line: 4, message: expect.stringContaining('mã "So C"') },
      { line: 5, message: expect.stringContaining("đã có ở dòng 2") },
      { line: 6, message: expect.stringContaining('cấp "huyen"') },
    ]);
  });

  it("names the line of a routing rule whose agency is unknown or whose field is missing", () => {
    const text = [
      "đất đai | sổ đỏ\tso-nn-mt\tĐất đai",
      "mưa bão\tSở Thời Tiết\tThiên tai",
      "giao thông\tso-xay-dung",
    ].join("\n");
    expect(checkAssetContent("routing-rules.tsv", text, agencies).problems).toEqual([
      { line: 2, message: expect.stringContaining('không có cơ quan "Sở Thời Tiết"') },
      { line: 3, message: "thiếu lĩnh vực" },
    ]);
  });

  it("names the line of a synonym without its official words", () => {
    const text = "sổ đỏ\tgiấy chứng nhận quyền sử dụng đất\nbìa đỏ giấy đỏ\n";
    expect(checkAssetContent("synonyms.tsv", text, agencies).problems).toEqual([
      { line: 2, message: expect.stringContaining("thiếu dấu Tab") },
    ]);
    // A "~gap" row (possessives that may sit inside a phrase) is a rule too, but not an empty one.
    const gaps = "sổ đỏ\tgiấy chứng nhận\n~gap\tcủa tôi | nhà em\n~gap\t |\n";
    expect(checkAssetContent("synonyms.tsv", gaps, agencies).problems).toEqual([
      { line: 3, message: expect.stringContaining("thiếu cụm từ") },
    ]);
  });

  it("points at the line of a JSON syntax error and of a bad date in the holiday calendar", () => {
    const good = readBundledAsset("holidays-vn.json");
    const lines = good.split("\n");
    const at = lines.findIndex((l) => l.includes('"date"'));
    const syntax = [...lines];
    syntax[at] = (syntax[at] as string).replace(/,\s*$/, "").replace('"date"', '"date" "x"');
    const broken = checkAssetContent("holidays-vn.json", syntax.join("\n"), agencies).problems;
    expect(broken).toHaveLength(1);
    expect(broken[0]?.line).toBe(at + 1);
    expect(broken[0]?.message).toContain("không phải JSON hợp lệ");

    const date = /"date": "(\d{4}-\d{2}-\d{2})"/.exec(lines[at] as string)?.[1] as string;
    const wrong = good.replace(date, `${date.slice(0, 5)}13-45`);
    const problems = checkAssetContent("holidays-vn.json", wrong, agencies).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.line).toBe(at + 1);
  });
});
