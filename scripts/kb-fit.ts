/**
 * kb:fit — refits the ranking weights (assets/search-weights.json) on the TUNE part of the dev
 * questions by coordinate search (see bench/fit-weights.ts) and prints one JSON object: the weights
 * and the scores (top-1, top-5, MRR@10, behaviour) on TUNE and HELD before and after, and each
 * accepted change. With --write the file gets the new weights and a `fitted` record; other
 * sections of the file are kept; --only K1,K2 fits just those weights. With --decision it fits the
 * decision's thresholds instead (the `decision`, `followUp` and `situationMove` sections, see
 * bench/fit-decision.ts)
 * on behaviour accuracy plus conversation turns right, and --write records them in `fittedDecision`.
 * HELD is measured, never fitted on. Progress goes to stderr.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DECISION } from "../knowledge/decide.js";
import { FOLLOW_UP } from "../knowledge/follow-up.js";
import { readProceduresFile } from "../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import {
  BUNDLED_SEARCH_WEIGHTS_FILE,
  parseSearchWeights,
  RANK_KEYS,
  type RankParams,
} from "../knowledge/search/search-weights.js";
import { RANK_PARAMS } from "../knowledge/search-index.js";
import { SITUATION_MOVE } from "../knowledge/situation-moves.js";
import {
  BENCH_PROCEDURES_FILE,
  readDevConversations,
  readDevQuestions,
  SHARED_DATA,
} from "./bench/dev-sets.js";
import { devPart } from "./bench/dev-split.js";
import { DECISION_FIT, DECISION_FIT_KEYS, fitDecision } from "./bench/fit-decision.js";
import { FIT, fitWeights } from "./bench/fit-weights.js";
import type { DevQuestion } from "./bench/metrics.js";

const SHARED = SHARED_DATA;
const benchFile = (name: string) => new URL(`./bench/${name}`, import.meta.url).pathname;
/** The citizen-style and fresh sets join the dev set when present (their TUNE parts only are fitted). */
const EXTRA_QUESTIONS = [benchFile("citizen-questions.jsonl"), benchFile("fresh-questions.jsonl")].filter(
  (f) => existsSync(f),
);
const EXTRA_CONVERSATIONS = [
  benchFile("fresh-conversations.jsonl"),
  benchFile("life-conversations.jsonl"),
  benchFile("popular-conversations.jsonl"),
].filter((f) => existsSync(f));
const { values: args } = parseArgs({
  options: {
    procedures: { type: "string", default: BENCH_PROCEDURES_FILE },
    /** Labelled question files (repeatable); the citizen-style set joins when present. */
    questions: {
      type: "string",
      multiple: true,
      default: [`${SHARED}eval/dev-questions-motcua.jsonl`, ...EXTRA_QUESTIONS],
    },
    /** Labelled conversation files (repeatable, for --decision); the fresh set joins when present. */
    conversations: {
      type: "string",
      multiple: true,
      default: [`${SHARED}eval/dev-conversations-motcua.jsonl`, ...EXTRA_CONVERSATIONS],
    },
    weights: { type: "string", default: BUNDLED_SEARCH_WEIGHTS_FILE },
    /** Fit the decision's thresholds (decision, followUp, situationMove sections) instead of the ranking. */
    decision: { type: "boolean", default: false },
    /** Comma-separated weights to fit (default: all), e.g. --only auxBody,bodyCoverage. */
    only: { type: "string" },
    write: { type: "boolean", default: false },
  },
});

const file = args.weights as string;
const weights = parseSearchWeights(readFileSync(file, "utf8"), file);
// Every index reads RANK_PARAMS, every decision DECISION, FOLLOW_UP and SITUATION_MOVE: start from the chosen file.
Object.assign(RANK_PARAMS, weights.rank);
Object.assign(DECISION, weights.decision);
Object.assign(FOLLOW_UP, weights.followUp);
Object.assign(SITUATION_MOVE, weights.situationMove);
const { procedures } = readProceduresFile(args.procedures as string);
const questions: DevQuestion[] = (args.questions as string[]).flatMap((f) => readDevQuestions(f));
const tune = questions.filter((q) => devPart(q.id) === "tune");
const held = questions.filter((q) => devPart(q.id) === "held");

const on = `${(args.questions as string[]).map((f) => f.split("/").pop()).join(" + ")} TUNE part (${tune.length} q)`;
if (args.decision) fitDecisionThresholds();
else fitRanking();

function fitRanking(): void {
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
}

/** --decision: fits the decision, follow-up and situation-move thresholds on TUNE questions and conversations. */
function fitDecisionThresholds(): void {
  const conversations = (args.conversations as string[]).flatMap((f) => readDevConversations(f));
  const parts = {
    tune: { questions: tune, conversations: conversations.filter((c) => devPart(c.id) === "tune") },
    held: { questions: held, conversations: conversations.filter((c) => devPart(c.id) === "held") },
  };
  const only = args.only?.split(",").map((k) => k.trim());
  for (const k of only ?? [])
    if (!DECISION_FIT_KEYS.some((d) => d.key === k))
      throw new Error(`--only: "${k}" is not a decision threshold`);
  const keys = only ? DECISION_FIT_KEYS.filter((d) => only.includes(d.key)) : DECISION_FIT_KEYS;
  const t0 = performance.now();
  const fit = fitDecision(
    createKnowledgeBase(procedures),
    parts,
    (line) => process.stderr.write(`${line}\n`),
    keys,
  );
  const conversationsOn = `${(args.conversations as string[]).map((f) => f.split("/").pop()).join(" + ")} TUNE part (${parts.tune.conversations.length} conversations)`;
  const result = {
    on: `${on} + ${conversationsOn}`,
    objective:
      "TUNE questions with the right behaviour + TUNE conversation turns right; a change needs a gain of DECISION_FIT.margin and no loss on either",
    margin: DECISION_FIT.margin,
    evaluations: fit.evaluations,
    seconds: Math.round((performance.now() - t0) / 1000),
    changes: fit.changes,
    tune: { before: fit.before.tune, after: fit.after.tune },
    held: { before: fit.before.held, after: fit.after.held },
    decision: { before: fit.before.decision, after: fit.after.decision },
    followUp: { before: fit.before.followUp, after: fit.after.followUp },
    situationMove: { before: fit.before.situationMove, after: fit.after.situationMove },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (!args.write) return;
  const updated = {
    ...weights,
    decision: fit.after.decision,
    followUp: fit.after.followUp,
    situationMove: fit.after.situationMove,
    fittedDecision: {
      on: result.on,
      date: new Date().toISOString().slice(0, 10),
      tune: result.tune.after,
      held: result.held.after,
    },
  };
  writeFileSync(file, `${JSON.stringify(updated, null, 2)}\n`);
  process.stderr.write(`wrote ${file}\n`);
}
