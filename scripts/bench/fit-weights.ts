/**
 * Coordinate search of the ranking weights on labelled questions: each weight in turn is tried on
 * a small grid around its value, the index rebuilt when the weight is read at build time, and a
 * change kept only when the objective on the fitting questions gains a margin, loses on neither
 * half of them, and costs no behaviour accuracy.
 */
import { createHash } from "node:crypto";
import type { KnowledgeBase } from "../../knowledge/decision-types.js";
import type { Procedure } from "../../knowledge/procedure.js";
import { RANK_KEYS, type RankParams } from "../../knowledge/search/search-weights.js";
import { RANK_PARAMS } from "../../knowledge/search-index.js";
import { type DevQuestion, type RankingScores, r3, rankingScores } from "./metrics.js";

/** Search settings of the fit. */
export const FIT = {
  /** Smallest objective gain (MRR@10 + top-1 on TUNE) that changes a weight: two questions of ~200, not one. */
  margin: 0.015,
  /** Largest drop of behaviour accuracy on the fitting part a ranking change may cost. */
  behaviourSlack: 0,
  /** Full passes over all the weights (a pass without any change ends early). */
  passes: 2,
  /** Relative steps tried around a weight's value. */
  steps: [0.5, 0.75, 0.9, 1.1, 1.25, 1.5],
};

/** Weights read while building the index (a change needs a rebuild); the others are read per query. */
const BUILD_TIME = new Set<keyof RankParams>([
  "auxField",
  "auxAgency",
  "auxResult",
  "auxBody",
  "bodyCoverage",
  "bodyTokens",
  "k1",
  "b",
  "popularity",
  "centralOnly",
  "commune",
]);

/** Grids of weights whose sensible values are not a ratio of the current one. */
const FIXED_GRIDS: Partial<Record<keyof RankParams, number[]>> = {
  auxBody: [0, 0.05, 0.1, 0.2, 0.3, 0.5],
  bodyCoverage: [0, 0.1, 0.2, 0.3, 0.5, 0.7],
  bodyTokens: [30, 60, 120],
  rerank: [20, 30, 40, 60, 80],
};

/** Weights that are shares (kept within 0..1). */
const SHARES = new Set<keyof RankParams>([
  "b",
  "bodyCoverage",
  "nameCoverageFloor",
  "queryCoverageFloor",
  "unknownWord",
  "accentMismatch",
  "contextReading",
]);

/** How the ranking and the decision do on one part of the questions. */
export interface PartScores extends RankingScores {
  behaviour: number;
}

/** A question set split for fitting: `tune` drives the search, `held` is only measured. */
export interface FitQuestions {
  tune: DevQuestion[];
  held: DevQuestion[];
}

/** One accepted change of a weight. */
export interface FitChange {
  key: keyof RankParams;
  from: number;
  to: number;
  objective: number;
}

/** The values tried for a weight: its grid, or relative steps around its value. */
export function gridFor(key: keyof RankParams, value: number): number[] {
  const fixed = FIXED_GRIDS[key];
  const raw = fixed ?? FIT.steps.map((s) => value * s);
  const clamp = (v: number) => (SHARES.has(key) ? Math.min(1, Math.max(0, v)) : Math.max(0, v));
  const round = (v: number) => (key === "rerank" || key === "bodyTokens" ? Math.round(v) : r3(v));
  return [...new Set(raw.map((v) => round(clamp(v))))].filter((v) => v !== value);
}

/** Which half of TUNE a question falls in (a hash of its id unrelated to the TUNE/HELD split). */
export function foldOf(id: string): number {
  return Number.parseInt(createHash("sha1").update(`fold:${id}`).digest("hex").slice(-1), 16) % 2;
}

/** MRR@10 + top-1: rewards the right procedure first, and near the top when not first. */
export function objective(s: PartScores): number {
  return s.mrr10 + s.top1;
}

/**
 * Fits RANK_PARAMS (`keys` of them, default all) in place on `questions.tune` (the object every
 * index reads), rebuilding the knowledge base with `build` when needed; returns the scores before
 * and after on both parts.
 */
export function fitWeights(
  procedures: Procedure[],
  questions: FitQuestions,
  build: (procedures: Procedure[]) => KnowledgeBase,
  log: (line: string) => void = () => {},
  keys: ReadonlyArray<keyof RankParams> = RANK_KEYS,
): {
  before: { tune: PartScores; held: PartScores; rank: RankParams };
  after: { tune: PartScores; held: PartScores; rank: RankParams };
  changes: FitChange[];
  evaluations: number;
} {
  let kb = build(procedures);
  let evaluations = 0;
  const score = (qs: DevQuestion[]): PartScores => {
    evaluations++;
    const answer = qs.filter((q) => q.behavior === "answer" && q.gold.length > 0);
    const rows = answer.map((q) => ({
      ranked: kb.search(q.q, 10).map((h) => h.procedure.code),
      gold: q.gold,
    }));
    const ok = qs.filter((q) => kb.decide(q.q).action === q.behavior).length;
    return { ...rankingScores(rows), behaviour: r3(ok / (qs.length || 1)) };
  };
  // Two halves of TUNE: a change must not lose on either, so one half's luck does not carry it.
  const halves = [0, 1].map((h) => questions.tune.filter((q) => foldOf(q.id) === h));
  const scoreHalves = () => halves.map((qs) => objective(score(qs)));
  const initial = { ...RANK_PARAMS };
  const before = { tune: score(questions.tune), held: score(questions.held), rank: initial };
  let best = before.tune;
  let bestHalves = scoreHalves();
  const changes: FitChange[] = [];
  for (let pass = 0; pass < FIT.passes; pass++) {
    let changed = false;
    for (const key of keys) {
      const current = RANK_PARAMS[key];
      let bestValue = current;
      let bestScores = best;
      let bestValueHalves = bestHalves;
      for (const v of gridFor(key, current)) {
        RANK_PARAMS[key] = v;
        if (BUILD_TIME.has(key)) kb = build(procedures);
        const s = score(questions.tune);
        const gain = objective(s) - objective(bestScores);
        if (gain < FIT.margin || s.behaviour < best.behaviour - FIT.behaviourSlack) continue;
        const h = scoreHalves();
        if (h.some((o, i) => o < (bestValueHalves[i] as number))) continue;
        bestValue = v;
        bestScores = s;
        bestValueHalves = h;
      }
      RANK_PARAMS[key] = bestValue;
      if (BUILD_TIME.has(key)) kb = build(procedures);
      if (bestValue !== current) {
        changed = true;
        best = bestScores;
        bestHalves = bestValueHalves;
        changes.push({ key, from: current, to: bestValue, objective: r3(objective(best)) });
        log(`${key}: ${current} -> ${bestValue} (TUNE objective ${r3(objective(best))})`);
      } else log(`${key}: kept ${current}`);
    }
    if (!changed) break;
  }
  const after = { tune: score(questions.tune), held: score(questions.held), rank: { ...RANK_PARAMS } };
  return { before, after, changes, evaluations };
}
