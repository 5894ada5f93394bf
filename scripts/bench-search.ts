/**
 * Search benchmark: ours vs plain BM25, MiniSearch and fuse.js on the relabelled dev questions and
 * conversations, and on the long citizen-style questions (bench/citizen-questions.jsonl), the TUNE
 * part and the HELD part side by side (see bench/dev-split.ts), then on the fresh set
 * (bench/fresh-*.jsonl: written later, never tuned on, never shown per question); prints one JSON
 * object on stdout, a summary table on stderr, and with --verbose the TUNE part's misses (CITIZEN
 * lines for that set).
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Decision } from "../knowledge/decision-types.js";
import { readProceduresFile } from "../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import { fuseBaseline, miniSearchBaseline, type Ranker } from "./bench/baselines.js";
import { bm25Baseline } from "./bench/bm25-baseline.js";
import { conversationAccuracy, type DevConversation } from "./bench/conversations.js";
import {
  BENCH_PROCEDURES_FILE,
  readDevConversations,
  readDevQuestions,
  SHARED_DATA,
} from "./bench/dev-sets.js";
import { devPart } from "./bench/dev-split.js";
import {
  type DevQuestion,
  fieldsF1,
  goldFields,
  perFieldScores,
  quantile,
  r3,
  rankingScores,
} from "./bench/metrics.js";
import { type SetPartReport, summaryTable } from "./bench/summary-table.js";

const SHARED = SHARED_DATA;
const benchFile = (name: string) => new URL(`bench/${name}`, import.meta.url).pathname;
const readIf = <T>(path: unknown, read: (p: string) => T[]): T[] =>
  typeof path === "string" && existsSync(path) ? read(path) : [];
const { values: args } = parseArgs({
  options: {
    procedures: { type: "string", default: BENCH_PROCEDURES_FILE },
    /** Either label shape: the relabelled file (expect_ids) or the original one (ids_in_corpus). */
    questions: { type: "string", default: `${SHARED}eval/dev-questions-motcua.jsonl` },
    conversations: { type: "string", default: `${SHARED}eval/dev-conversations-motcua.jsonl` },
    /** Long citizen-style questions (story first, ask last), reported beside the dev sets. */
    citizen: { type: "string", default: new URL("bench/citizen-questions.jsonl", import.meta.url).pathname },
    /** Citizen-style questions and conversations written later by another hand, split like the dev sets. */
    fresh: { type: "string", default: benchFile("fresh-questions.jsonl") },
    "fresh-conversations": { type: "string", default: benchFile("fresh-conversations.jsonl") },
    /** A third set never tuned on: measured as a whole, never printed per question. */
    unseen: { type: "string", default: benchFile("unseen-questions.jsonl") },
    "unseen-conversations": { type: "string", default: benchFile("unseen-conversations.jsonl") },
    /** Questions written procedure by procedure together with the dictionary rows: a check of the vocabulary, not of generalisation. */
    vocabulary: { type: "string", default: benchFile("vocabulary-questions.jsonl") },
    /** Conversations only, written later by other hands from life events and popular procedures. */
    "more-conversations": {
      type: "string",
      multiple: true,
      default: [benchFile("life-conversations.jsonl"), benchFile("popular-conversations.jsonl")],
    },
    verbose: { type: "boolean", default: false },
    /** Skips the (slow) MiniSearch and fuse.js baselines, for quick iteration. */
    "ours-only": { type: "boolean", default: false },
  },
});

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const { procedures } = readProceduresFile(args.procedures as string);
const questions = readDevQuestions(args.questions as string);
const conversations = readDevConversations(args.conversations as string);
const citizen = readIf(args.citizen, readDevQuestions);
const fresh = readIf(args.fresh, readDevQuestions);
const freshConversations = readIf(args["fresh-conversations"], readDevConversations);
const unseen = readIf(args.unseen, readDevQuestions);
const unseenConversations = readIf(args["unseen-conversations"], readDevConversations);
const vocabulary = readIf(args.vocabulary, readDevQuestions);
const moreConversations = (args["more-conversations"] as string[]).flatMap((f) =>
  readIf(f, readDevConversations),
);

gc();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
const kb = createKnowledgeBase(procedures);
const buildMs = performance.now() - t0;
gc();
const memory = process.memoryUsage();
const heapWithIndexMb = memory.heapUsed / 2 ** 20;
const indexHeapMb = (memory.heapUsed - heapBefore) / 2 ** 20;
const rssWithIndexMb = memory.rss / 2 ** 20;

// Ours is ranked by what kb:search prints and the bot answers: the decision's hits (with the
// situations the message states), not the bare search.
const ours: Ranker = (q, limit) =>
  kb
    .decide(q)
    .hits.slice(0, limit)
    .map((h) => h.procedure.code);
const systems: Record<string, Ranker> = args["ours-only"]
  ? { ours, bm25: bm25Baseline(procedures) }
  : {
      ours,
      bm25: bm25Baseline(procedures),
      minisearch: miniSearchBaseline(procedures),
      fuse: fuseBaseline(procedures),
    };

const decisions = new Map<string, Decision>();
const decided = (q: DevQuestion): Decision => {
  let d = decisions.get(q.id);
  if (!d) {
    d = kb.decide(q.q);
    decisions.set(q.id, d);
  }
  return d;
};

const usable = questions.filter((q) => q.behavior === "answer" && q.gold.length > 0);
const parts: Record<string, (id: string) => boolean> = {
  tune: (id) => devPart(id) === "tune",
  held: (id) => devPart(id) === "held",
  all: () => true,
};

/** Each system's ranking of each question, computed once (fuse.js takes seconds per question set). */
const rankings = new Map<Ranker, Map<string, string[]>>();
const rankedBy = (rank: Ranker, q: DevQuestion): string[] => {
  const mine = rankings.get(rank) ?? new Map<string, string[]>();
  rankings.set(rank, mine);
  let codes = mine.get(q.q);
  if (!codes) {
    codes = rank(q.q, 10);
    mine.set(q.q, codes);
  }
  return codes;
};

function ranking(rank: Ranker, subset: DevQuestion[]) {
  const rows = (qs: DevQuestion[]) => qs.map((q) => ({ ranked: rankedBy(rank, q), gold: q.gold }));
  return {
    ...rankingScores(rows(subset)),
    accented: rankingScores(rows(subset.filter((q) => !q.unaccented))),
    unaccented: rankingScores(rows(subset.filter((q) => q.unaccented))),
  };
}

function behaviour(subset: DevQuestion[]) {
  let ok = 0;
  const confusion: Record<string, number> = {};
  for (const q of subset) {
    const action = decided(q).action;
    const key = `${q.behavior}->${action}`;
    confusion[key] = (confusion[key] ?? 0) + 1;
    if (action === q.behavior) ok++;
  }
  return { n: subset.length, accuracy: r3(ok / (subset.length || 1)), confusion };
}

function fields(subset: DevQuestion[]) {
  const rows = subset
    .map((q) => ({ predicted: decided(q).fields, gold: goldFields(q.fields) }))
    .filter((r) => r.gold.length > 0);
  return { ...fieldsF1(rows), perField: perFieldScores(rows) };
}

const report: Record<string, unknown> = {};
for (const [part, pick] of Object.entries(parts)) {
  const qs = questions.filter((q) => pick(q.id));
  const uq = usable.filter((q) => pick(q.id));
  const perSystem: Record<string, unknown> = {};
  for (const [name, rank] of Object.entries(systems)) perSystem[name] = ranking(rank, uq);
  const conv = conversationAccuracy(
    kb,
    conversations.filter((c) => pick(c.id)),
  );
  report[part] = {
    questions: qs.length,
    ranking: perSystem,
    behaviour: behaviour(qs),
    fields: fields(qs),
    conversations: {
      n: conversations.filter((c) => pick(c.id)).length,
      turns: conv.turns,
      accuracy: conv.accuracy,
    },
  };
}

/** Another question set per part: ranking of every system, behaviour, fields, conversations if any. */
function setReport(
  qs: DevQuestion[],
  convs: DevConversation[],
  partsOf: Record<string, (id: string) => boolean>,
): Record<string, SetPartReport> {
  const out: Record<string, SetPartReport> = {};
  for (const [part, pick] of Object.entries(partsOf)) {
    const mine = qs.filter((q) => pick(q.id));
    const uq = mine.filter((q) => q.behavior === "answer" && q.gold.length > 0);
    const perSystem: Record<string, ReturnType<typeof ranking>> = {};
    for (const [name, rank] of Object.entries(systems)) perSystem[name] = ranking(rank, uq);
    const theirs = convs.filter((c) => pick(c.id));
    const conv = theirs.length > 0 ? conversationAccuracy(kb, theirs) : undefined;
    out[part] = {
      questions: mine.length,
      ranking: perSystem,
      behaviour: behaviour(mine),
      fields: fields(mine),
      ...(conv ? { conversations: { turns: conv.turns, accuracy: conv.accuracy } } : {}),
    };
  }
  return out;
}

const citizenReport = setReport(citizen, [], parts);
const freshReport = setReport(fresh, freshConversations, parts);
const unseenReport = setReport(unseen, unseenConversations, { all: () => true });
const moreReport = setReport([], moreConversations, parts);
const vocabularyReport = setReport(vocabulary, [], { all: () => true });

for (const q of questions) kb.decide(q.q);
const latencies = questions.map((q) => {
  const s = performance.now();
  kb.decide(q.q);
  return performance.now() - s;
});

const result = {
  corpus: {
    procedures: kb.size,
    questions: questions.length,
    usableAnswerQuestions: usable.length,
    conversations: conversations.length,
  },
  ...report,
  citizen: citizenReport,
  fresh: freshReport,
  unseen: unseenReport,
  moreConversations: moreReport,
  vocabulary: vocabularyReport,
  performance: {
    latencyMsP50: r3(quantile(latencies, 0.5)),
    latencyMsP99: r3(quantile(latencies, 0.99)),
    buildMs: Math.round(buildMs),
    heapUsedMbWithIndex: Math.round(heapWithIndexMb),
    indexHeapMb: Math.round(indexHeapMb),
    rssMbWithIndex: Math.round(rssWithIndexMb),
  },
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.stderr.write(
  summaryTable(
    report as Parameters<typeof summaryTable>[0],
    [
      { name: "citizen", parts: citizenReport, n: citizen.length },
      { name: "fresh", parts: freshReport, n: fresh.length },
      { name: "unseen (never tuned)", parts: unseenReport, n: unseen.length },
      { name: "more conversations", parts: moreReport, n: moreConversations.length },
      { name: "vocabulary checks", parts: vocabularyReport, n: vocabulary.length },
    ].filter((set) => set.n > 0),
  ),
);

if (args.verbose) {
  // Only the TUNE part is shown: the HELD part is measured, never looked at.
  const tune = (id: string): boolean => devPart(id) === "tune";
  for (const q of usable.filter((u) => tune(u.id))) {
    const top5 = ours(q.q, 5);
    if (top5[0] && q.gold.includes(top5[0])) continue;
    const name = (c: string) => `${c} ${kb.get(c)?.name.slice(0, 70)}`;
    const gold = q.gold.map(name).join(" | ");
    const got = top5.slice(0, 2).map(name).join(" | ");
    process.stderr.write(`MISS ${q.id} ${q.q}\n   gold: ${gold}\n   got:  ${got}\n`);
  }
  for (const q of questions.filter((u) => tune(u.id))) {
    const d = decided(q);
    if (d.action !== q.behavior)
      process.stderr.write(
        `BEHAV ${q.id} ${q.behavior}->${d.action} [${q.gold.join(",")}] ${q.q} :: ${d.hits
          .slice(0, 3)
          .map((h) => `${h.procedure.code}@${h.score}`)
          .join(" ")}\n`,
      );
    const gold = goldFields(q.fields);
    if (gold.length > 0 && [...gold].sort().join() !== [...d.fields].sort().join())
      process.stderr.write(`FIELDS ${q.id} gold=${gold.join(",")} got=${d.fields.join(",")} ${q.q}\n`);
  }
  const tuneOf = (qs: DevQuestion[], tag: string) => qs.filter((u) => tune(u.id)).map((q) => ({ q, tag }));
  for (const { q, tag } of [...tuneOf(citizen, "CITIZEN"), ...tuneOf(fresh, "FRESH")]) {
    const d = decided(q);
    const top = ours(q.q, 3);
    const right = q.behavior === "answer" ? q.gold.includes(top[0] ?? "") : true;
    if (right && d.action === q.behavior) continue;
    const got = top.map((c) => `${c} ${kb.get(c)?.name.slice(0, 50)}`).join(" | ");
    process.stderr.write(
      `${tag} ${q.id} ${q.behavior}->${d.action} [${q.gold.join(",")}] ${q.q}\n   got: ${got}\n`,
    );
  }
  const conv = conversationAccuracy(
    kb,
    [...conversations, ...freshConversations, ...moreConversations].filter((c) => tune(c.id)),
  );
  for (const m of conv.misses) process.stderr.write(`CONV ${JSON.stringify(m)}\n`);
}
