/**
 * kb:fit — refits the ranking weights (assets/search-weights.json) on the TUNE part of the dev
 * questions by coordinate search (see bench/fit-weights.ts) and prints one JSON object: the weights
 * and the scores (top-1, top-5, MRR@10, behaviour) on TUNE and HELD before and after, and each
 * accepted change. With --write the file gets the new weights and a `fitted` record; other
 * sections of the file are kept; --only K1,K2 fits just those weights. HELD is measured, never
 * fitted on. Progress goes to stderr.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { readProceduresFile } from "../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import {
  BUNDLED_SEARCH_WEIGHTS_FILE,
  parseSearchWeights,
  RANK_KEYS,
  type RankParams,
} from "../knowledge/search/search-weights.js";
import { RANK_PARAMS } from "../knowledge/search-index.js";
import { BENCH_PROCEDURES_FILE, readDevQuestions, SHARED_DATA } from "./bench/dev-sets.js";
import { devPart } from "./bench/dev-split.js";
import { FIT, fitWeights } from "./bench/fit-weights.js";
import type { DevQuestion } from "./bench/metrics.js";

const SHARED = SHARED_DATA;
const CITIZEN = new URL("./bench/citizen-questions.jsonl", import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    procedures: { type: "string", default: BENCH_PROCEDURES_FILE },
    /** Labelled question files (repeatable); the citizen-style set joins when present. */
    questions: {
      type: "string",
      multiple: true,
      default: [`${SHARED}eval/dev-questions-motcua.jsonl`, ...(existsSync(CITIZEN) ? [CITIZEN] : [])],
    },
    weights: { type: "string", default: BUNDLED_SEARCH_WEIGHTS_FILE },
    /** Comma-separated weights to fit (default: all), e.g. --only auxBody,bodyCoverage. */
    only: { type: "string" },
    write: { type: "boolean", default: false },
  },
});

const file = args.weights as string;
const weights = parseSearchWeights(readFileSync(file, "utf8"), file);
// Every index reads RANK_PARAMS: start the fit from the chosen file's weights.
Object.assign(RANK_PARAMS, weights.rank);
const { procedures } = readProceduresFile(args.procedures as string);
const questions: DevQuestion[] = (args.questions as string[]).flatMap((f) => readDevQuestions(f));
const tune = questions.filter((q) => devPart(q.id) === "tune");
const held = questions.filter((q) => devPart(q.id) === "held");

const keys = args.only ? (args.only.split(",").map((k) => k.trim()) as Array<keyof RankParams>) : RANK_KEYS;
for (const k of keys) if (!RANK_KEYS.includes(k)) throw new Error(`--only: "${k}" is not a ranking weight`);
const t0 = performance.now();
const fit = fitWeights(
  procedures,
  { tune, held },
  (p) => createKnowledgeBase(p),
  (line) => process.stderr.write(`${line}\n`),
  keys,
);
const on = `${(args.questions as string[]).map((f) => f.split("/").pop()).join(" + ")} TUNE part (${tune.length} q)`;
const result = {
  on,
  objective:
    "MRR@10 + top-1 on TUNE; a change needs a gain of FIT.margin, no loss on either half of TUNE, no behaviour loss",
  margin: FIT.margin,
  evaluations: fit.evaluations,
  seconds: Math.round((performance.now() - t0) / 1000),
  changes: fit.changes,
  tune: { n: tune.length, before: fit.before.tune, after: fit.after.tune },
  held: { n: held.length, before: fit.before.held, after: fit.after.held },
  rank: { before: fit.before.rank, after: fit.after.rank },
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

if (args.write) {
  const updated = {
    ...weights,
    rank: fit.after.rank,
    fitted: {
      on,
      date: new Date().toISOString().slice(0, 10),
      tune: result.tune.after,
      held: result.held.after,
    },
  };
  writeFileSync(file, `${JSON.stringify(updated, null, 2)}\n`);
  process.stderr.write(`wrote ${file}\n`);
}
