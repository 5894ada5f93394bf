import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  loadSearchWeights,
  parseSearchWeights,
  RANK_KEYS,
} from "../../../knowledge/search/search-weights.js";
import { RANK_PARAMS } from "../../../knowledge/search-index.js";

const bundled = loadSearchWeights();

describe("ranking weights kept as a data file", () => {
  it("loads the bundled file with every weight a finite number, and the index uses it", () => {
    for (const key of RANK_KEYS) expect(Number.isFinite(bundled.rank[key])).toBe(true);
    expect(RANK_PARAMS).toEqual(bundled.rank);
  });

  it("refuses a file with a missing weight and names it", () => {
    const { k1: _dropped, ...rest } = bundled.rank;
    expect(() => parseSearchWeights(JSON.stringify({ rank: rest }), "w.json")).toThrow(
      /w\.json.*"k1" is missing/,
    );
  });

  it("refuses a weight that is not a number, and a misspelled one", () => {
    const text = JSON.stringify({ rank: { ...bundled.rank, popularity: "0.4", comune: 1.1 } });
    expect(() => parseSearchWeights(text)).toThrow(/"popularity" must be a finite number/);
    expect(() => parseSearchWeights(text)).toThrow(/"comune" is not a known ranking weight/);
  });

  it("refuses broken JSON and a file without a rank section, saying which file", () => {
    const dir = mkdtempSync(join(tmpdir(), "weights-"));
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{"rank": {"k1": 1.2,');
    expect(() => loadSearchWeights(broken)).toThrow(/broken\.json: not valid JSON/);
    expect(() => parseSearchWeights('{"decision": {}}', "x.json")).toThrow(
      /x\.json: missing the "rank" section/,
    );
    expect(() => loadSearchWeights(join(dir, "absent.json"))).toThrow(/cannot read .*absent\.json/);
  });

  it("keeps other sections of the file (a later decision section) as they are", () => {
    const text = JSON.stringify({ rank: bundled.rank, decision: { margin: 0.2 } });
    expect(parseSearchWeights(text).decision).toEqual({ margin: 0.2 });
  });
});
