/**
 * Search benchmark: ours vs MiniSearch and fuse.js baselines on the labelled dev questions and
 * conversations; prints one JSON object on stdout (details of misses on stderr with --verbose).
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { readProceduresFile } from "../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import { fuseBaseline, miniSearchBaseline, type Ranker } from "./bench/baselines.js";
import { conversationAccuracy, type DevConversation } from "./bench/conversations.js";
import {
  type DevQuestion,
  fieldsF1,
  goldFields,
  perFieldScores,
  quantile,
  r3,
  rankingScores,
} from "./bench/metrics.js";

const SHARED = new URL("../../shared/data/", import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    procedures: {
      type: "string",
      default: existsSync(`${SHARED}procedures-dichvucong-2642.jsonl`)
        ? `${SHARED}procedures-dichvucong-2642.jsonl`
        : "assets/procedures-dichvucong.jsonl.gz",
    },
    questions: { type: "string", default: `${SHARED}eval/dev-questions.jsonl` },
    conversations: { type: "string", default: `${SHARED}eval/dev-conversations.jsonl` },
    verbose: { type: "boolean", default: false },
    /** Skips the (slow) MiniSearch and fuse.js baselines, for quick iteration. */
    "ours-only": { type: "boolean", default: false },
  },
});

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const { procedures } = readProceduresFile(args.procedures as string);
const questions = readJsonl<DevQuestion>(args.questions as string);
const conversations = readJsonl<DevConversation>(args.conversations as string);

gc();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
const kb = createKnowledgeBase(procedures);
const buildMs = performance.now() - t0;
gc();
const heapWithIndexMb = process.memoryUsage().heapUsed / 2 ** 20;
const indexHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

const ours: Ranker = (q, limit) => kb.search(q, limit).map((h) => h.procedure.code);
const systems: Record<string, Ranker> = args["ours-only"]
  ? { ours }
  : { ours, minisearch: miniSearchBaseline(procedures), fuse: fuseBaseline(procedures) };

const usable = questions.filter((q) => q.behavior === "answer" && q.ids_in_corpus.length > 0);
const halves: Record<string, (q: DevQuestion) => boolean> = {
  all: () => true,
  halfA: (q) => questions.indexOf(q) % 2 === 0,
  halfB: (q) => questions.indexOf(q) % 2 === 1,
};

function ranking(rank: Ranker, subset: DevQuestion[]) {
  const rows = (qs: DevQuestion[]) => qs.map((q) => ({ ranked: rank(q.q, 10), gold: q.ids_in_corpus }));
  return {
    ...rankingScores(rows(subset)),
    accented: rankingScores(rows(subset.filter((q) => !q.unaccented))),
    unaccented: rankingScores(rows(subset.filter((q) => q.unaccented))),
  };
}

function behaviour(subset: DevQuestion[]) {
  let ok = 0;
  let okInCorpus = 0;
  let nInCorpus = 0;
  const confusion: Record<string, number> = {};
  for (const q of subset) {
    const d = kb.decide(q.q);
    const key = `${q.behavior}->${d.action}`;
    confusion[key] = (confusion[key] ?? 0) + 1;
    if (d.action === q.behavior) ok++;
    const determinable = q.behavior !== "answer" || q.ids_in_corpus.length > 0;
    if (determinable) {
      nInCorpus++;
      if (d.action === q.behavior) okInCorpus++;
    }
  }
  return {
    n: subset.length,
    accuracy: r3(ok / (subset.length || 1)),
    accuracyExcludingAnswerNotInCorpus: r3(okInCorpus / (nInCorpus || 1)),
    confusion,
  };
}

function fields(subset: DevQuestion[]) {
  const rows = subset
    .map((q) => ({ predicted: kb.decide(q.q).fields, gold: goldFields(q.fields) }))
    .filter((r) => r.gold.length > 0);
  return { ...fieldsF1(rows), perField: perFieldScores(rows) };
}

const report: Record<string, unknown> = {};
for (const [half, pick] of Object.entries(halves)) {
  const qs = questions.filter(pick);
  const uq = usable.filter(pick);
  const perSystem: Record<string, unknown> = {};
  for (const [name, rank] of Object.entries(systems)) perSystem[name] = ranking(rank, uq);
  report[half] = { ranking: perSystem, behaviour: behaviour(qs), fields: fields(qs) };
}

for (const q of questions) kb.decide(q.q);
const latencies = questions.map((q) => {
  const s = performance.now();
  kb.decide(q.q);
  return performance.now() - s;
});
const conv = conversationAccuracy(kb, conversations);
const convA = conversationAccuracy(
  kb,
  conversations.filter((_, i) => i % 2 === 0),
);
const convB = conversationAccuracy(
  kb,
  conversations.filter((_, i) => i % 2 === 1),
);

const result = {
  corpus: { procedures: kb.size, questions: questions.length, usableAnswerQuestions: usable.length },
  ...report,
  conversations: {
    turns: conv.turns,
    accuracy: conv.accuracy,
    halfA: { turns: convA.turns, accuracy: convA.accuracy },
    halfB: { turns: convB.turns, accuracy: convB.accuracy },
  },
  performance: {
    latencyMsP50: r3(quantile(latencies, 0.5)),
    latencyMsP99: r3(quantile(latencies, 0.99)),
    buildMs: Math.round(buildMs),
    heapUsedMbWithIndex: Math.round(heapWithIndexMb),
    indexHeapMb: Math.round(indexHeapMb),
  },
};
process.stdout.write(`${JSON.stringify(result)}\n`);

if (args.verbose) {
  for (const q of usable) {
    const ranked = ours(q.q, 5);
    if (ranked[0] && q.ids_in_corpus.includes(ranked[0])) continue;
    const gold = q.ids_in_corpus.map((c) => `${c} ${kb.get(c)?.name.slice(0, 70)}`).join(" | ");
    const got = ranked
      .slice(0, 2)
      .map((c) => `${c} ${kb.get(c)?.name.slice(0, 70)}`)
      .join(" | ");
    process.stderr.write(
      `MISS ${q.id} ${questions.indexOf(q) % 2 ? "B" : "A"} ${q.q}\n   gold: ${gold}\n   got:  ${got}\n`,
    );
  }
  for (const q of questions) {
    const d = kb.decide(q.q);
    if (d.action !== q.behavior)
      process.stderr.write(
        `BEHAV ${q.id} ${q.behavior}->${d.action} [${q.ids_in_corpus.join(",")}] ${q.q} :: ${d.hits
          .slice(0, 3)
          .map((h) => `${h.procedure.code}@${h.score}`)
          .join(" ")}\n`,
      );
  }
  for (const q of questions) {
    const gold = goldFields(q.fields);
    if (gold.length === 0) continue;
    const got = kb.decide(q.q).fields;
    if ([...gold].sort().join() !== [...got].sort().join())
      process.stderr.write(`FIELDS ${q.id} gold=${gold.join(",")} got=${got.join(",")} ${q.q}\n`);
  }
  for (const m of conv.misses) process.stderr.write(`CONV ${JSON.stringify(m)}\n`);
}
