import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DECISION } from "../../../knowledge/decide.js";
import { FOLLOW_UP } from "../../../knowledge/follow-up.js";
import {
  DECISION_KEYS,
  FOLLOW_UP_KEYS,
  loadSearchWeights,
  parseSearchWeights,
  RANK_KEYS,
  SITUATION_MOVE_KEYS,
} from "../../../knowledge/search/search-weights.js";
import { RANK_PARAMS } from "../../../knowledge/search-index.js";
import { SITUATION_MOVE } from "../../../knowledge/situation-moves.js";

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

  it("loads the decision and follow-up thresholds, and the decision and follow-up read them", () => {
    for (const key of DECISION_KEYS) expect(Number.isFinite(bundled.decision[key])).toBe(true);
    for (const key of FOLLOW_UP_KEYS) expect(Number.isFinite(bundled.followUp[key])).toBe(true);
    expect(DECISION).toEqual(bundled.decision);
    expect(FOLLOW_UP).toEqual(bundled.followUp);
    expect(SITUATION_MOVE).toEqual(bundled.situationMove);
    expect(Object.keys(bundled.situationMove)).toEqual(SITUATION_MOVE_KEYS);
  });

  it("refuses a decision section with a missing, misspelled or fractional count, saying what it means", () => {
    const { weakScore: _dropped, ...rest } = bundled.decision;
    const missing = JSON.stringify({ ...bundled, decision: rest });
    expect(() => parseSearchWeights(missing, "w.json")).toThrow(
      /w\.json: decision section refused: "weakScore" is missing \(.*scores below this/,
    );
    const odd = JSON.stringify({
      ...bundled,
      decision: { ...bundled.decision, maxCandidates: 4.5, minScor: 1 },
    });
    expect(() => parseSearchWeights(odd)).toThrow(/"maxCandidates" must be a whole number, got 4\.5/);
    expect(() => parseSearchWeights(odd)).toThrow(/"minScor" is not a known decision threshold/);
    const { rank, decision } = bundled;
    expect(() => parseSearchWeights(JSON.stringify({ rank, decision }), "x.json")).toThrow(
      /x\.json: missing the "followUp" section/,
    );
    const text = JSON.stringify({ ...bundled, followUp: { ...bundled.followUp, siblingRatio: null } });
    expect(() => parseSearchWeights(text)).toThrow(
      /followUp section refused: "siblingRatio" must be a finite number/,
    );
    const pool = JSON.stringify({ ...bundled, situationMove: { ...bundled.situationMove, pool: 2.5 } });
    expect(() => parseSearchWeights(pool)).toThrow(
      /situationMove section refused: "pool" must be a whole number/,
    );
  });

  it("keeps other sections of the file (the fit records) as they are", () => {
    const text = JSON.stringify({ ...bundled, fittedDecision: { on: "tune", tune: {}, held: {} } });
    expect(parseSearchWeights(text).fittedDecision).toEqual({ on: "tune", tune: {}, held: {} });
  });
});
