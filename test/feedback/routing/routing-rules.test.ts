import { describe, expect, it } from "vitest";
import { loadAgencies } from "../../../feedback/routing/agencies.js";
import {
  compileRoutingRules,
  loadRoutingRules,
  parseRoutingRules,
} from "../../../feedback/routing/routing-rules.js";
import { normalizeTokens } from "../../../knowledge/normalize.js";
import { agencies, RULES_TSV } from "./fixtures.js";

describe("routing rules", () => {
  it("parses rows, resolving agency names to ids, and skips broken rows", () => {
    const broken = [
      "no tabs at all",
      "\tthue\tThuế",
      "lệ phí\tSở Không Tồn Tại\tPhí",
      "trường học\tso-giao-duc",
      "  # indented comment",
    ].join("\n");
    const rules = parseRoutingRules(`${RULES_TSV}\n${broken}\n`, agencies());
    expect(rules).toHaveLength(3);
    expect(rules[2]).toEqual({
      keywords: ["học phí", "trường học"],
      agency: "so-giao-duc",
      field: "Giáo dục",
    });
  });

  it("matches keywords whatever the diacritics and case, as whole words", () => {
    const compiled = compileRoutingRules(parseRoutingRules(RULES_TSV, agencies()));
    const accented = compiled.match(normalizeTokens("Xin cấp SỔ ĐỎ cho thửa đất"));
    const plain = compiled.match(normalizeTokens("xin cap so do cho thua dat"));
    expect(plain).toEqual(accented);
    expect(accented[0]).toMatchObject({ agency: "so-nn-mt", field: "Đất đai", score: 3 });
    // a keyword of several words needs all of them, in order ("hóa đơn", not "hóa chất … đơn")
    expect(compiled.match(normalizeTokens("hóa chất trong đơn thư"))).toEqual([]);
    expect(compiled.match(normalizeTokens("cong ty xuat HOA DON"))[0]?.agency).toBe("thue");
  });

  it("does not count a keyword again inside a longer matched keyword", () => {
    const compiled = compileRoutingRules(
      parseRoutingRules("thuế | thuế nhập khẩu\tthue\tThuế\n", agencies()),
    );
    expect(compiled.match(normalizeTokens("nộp thuế nhập khẩu"))[0]?.score).toBe(2);
  });

  it("loads the bundled rules, every row naming a known agency", () => {
    const rules = loadRoutingRules(loadAgencies());
    expect(rules.size).toBeGreaterThan(20);
  });
});
