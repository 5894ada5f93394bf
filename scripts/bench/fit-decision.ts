/**
 * Fits the loose-syllable thresholds of DECISION (weakPairCoverage, weakNameCoverage, weakScore,
 * weakLongTokens, weakLongPairCoverage) on the TUNE part of the dev and citizen sets by grid
 * search, and prints the best settings with the HELD part's behaviour accuracy as numbers only
 * (HELD questions are never shown one by one). Run: npx tsx scripts/bench/fit-decision.ts
 */
import { existsSync } from "node:fs";
import { DECISION } from "../../knowledge/decide.js";
import { hitEvidence } from "../../knowledge/hit-evidence.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";
import { analyzeQuery } from "../../knowledge/search/query.js";
import { SearchIndex } from "../../knowledge/search-index.js";
import { loadSynonyms } from "../../knowledge/synonyms.js";
import { readDevQuestions } from "./dev-sets.js";
import { devPart } from "./dev-split.js";
import type { DevQuestion } from "./metrics.js";

const SHARED = new URL("../../../shared/data/", import.meta.url).pathname;
const CITIZEN = new URL("citizen-questions.jsonl", import.meta.url).pathname;

/** One question's decision without the loose-syllable check, and the features the check reads. */
interface Row {
  set: "dev" | "citizen";
  part: "tune" | "held";
  gold: DevQuestion["behavior"];
  action: DevQuestion["behavior"];
  tokens: number;
  score: number;
  nameCoverage: number;
  pairCoverage: number;
}

const { procedures } = readProceduresFile(`${SHARED}procedures-dichvucong-2642.jsonl`);
const sets: Array<[Row["set"], DevQuestion[]]> = [
  ["dev", readDevQuestions(`${SHARED}eval/dev-questions-motcua.jsonl`)],
  ["citizen", existsSync(CITIZEN) ? readDevQuestions(CITIZEN) : []],
];
// The decision as it would be without the check: its score threshold at 0 turns it off.
const thresholds = DECISION as unknown as Record<string, number>;
const fitted = { ...thresholds };
thresholds.weakScore = 0;
const kb = createKnowledgeBase(procedures);
const index = new SearchIndex(procedures);
const synonyms = loadSynonyms(undefined, index.vocabulary);
const rows: Row[] = sets.flatMap(([set, questions]) =>
  questions.map((q) => {
    const query = analyzeQuery(q.q, synonyms, index.vocabulary);
    const top = index.rank(query, 1)[0];
    return {
      set,
      part: devPart(q.id),
      gold: q.behavior,
      action: kb.decide(q.q).action,
      tokens: query.tokens.length,
      score: top ? top.score / index.scale : 0,
      nameCoverage: top?.nameCoverage ?? 0,
      pairCoverage: top ? hitEvidence(index, query, top).pairCoverage : 1,
    };
  }),
);
Object.assign(thresholds, fitted);

type Setting = [pair: number, name: number, score: number, longTokens: number, longPair: number];
const weak = (r: Row, [pair, name, score, longTokens, longPair]: Setting) =>
  r.action === "answer" &&
  r.nameCoverage < name &&
  r.score < score &&
  r.pairCoverage < (r.tokens > longTokens ? longPair : pair);
const correct = (rs: Row[], s: Setting) =>
  rs.filter((r) => (weak(r, s) ? "out_of_scope" : r.action) === r.gold).length;
const pick = (set: Row["set"], part: Row["part"]) => rows.filter((r) => r.set === set && r.part === part);
const accuracy = (rs: Row[], s: Setting) => (correct(rs, s) / (rs.length || 1)).toFixed(3);

const results: Array<{ tune: number; setting: Setting }> = [];
for (const pair of [0.4, 0.5, 0.6, 0.7])
  for (const name of [0.3, 0.35, 0.4])
    for (const score of [1.5, 2, 2.5])
      for (const longTokens of [16, 20, 25, 1000])
        for (const longPair of [0.1, 0.15, 0.2]) {
          const setting: Setting = [pair, name, score, longTokens, longPair];
          const tune = correct(pick("dev", "tune"), setting) + correct(pick("citizen", "tune"), setting);
          results.push({ tune, setting });
        }
results.sort((a, b) => b.tune - a.tune);
const off: Setting = [0, 0, 0, 0, 0];
const current: Setting = [
  fitted.weakPairCoverage as number,
  fitted.weakNameCoverage as number,
  fitted.weakScore as number,
  fitted.weakLongTokens as number,
  fitted.weakLongPairCoverage as number,
];
const line = (label: string, s: Setting) =>
  `${label.padEnd(40)} dev ${accuracy(pick("dev", "tune"), s)} / ${accuracy(pick("dev", "held"), s)}` +
  `   citizen ${accuracy(pick("citizen", "tune"), s)} / ${accuracy(pick("citizen", "held"), s)}`;
console.log("behaviour accuracy, TUNE / HELD (pair, name, score, long tokens, long pair)");
console.log(line("without the check", off));
console.log(line(`DECISION now ${current.join(", ")}`, current));
for (const { setting } of results.slice(0, 10)) console.log(line(setting.join(", "), setting));
