/**
 * Learning benchmark: the knowledge base learning from the questions it could not answer. The dev
 * questions are split (bench/learning-split.ts) into a STREAM that simulated citizens ask, in
 * batches, with every miss logged on a real (in-memory PGlite) database, and HELD-BACK phrasings
 * of the same procedures that are never asked. After each batch a simulated editor resolves the
 * largest groups of open misses by their gold labels (link or noise) and the lessons are reloaded.
 * Answered share and top-1, before (no lessons) and after (final lessons), are reported for both
 * sets and for the dev split's TUNE and HELD parts; then the time from an editor's commit to a
 * second process answering with it is measured on a throwaway PostgreSQL database. `--fit` replays
 * the simulation over a grid of the learning thresholds (assets/learning-weights.json).
 * Prints one JSON object on stdout, progress on stderr.
 *
 *   npm run --silent bench:learning -- [--batches 4] [--editor-groups 15] [--limit N]
 *     [--poll-ms 10000] [--latency-runs 3] [--group-threshold 0.5] [--fit]
 *     [--procedures FILE] [--questions FILE]
 */
import { parseArgs } from "node:util";
import { LESSON_POLL_MS } from "../app/lesson-sync.js";
import { openDatabase } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { loadLessons } from "../feedback/learning/lesson-repo.js";
import { readProceduresFile } from "../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import { LEARNING_WEIGHTS } from "../knowledge/learned/learning-weights.js";
import { BENCH_PROCEDURES_FILE, readDevQuestions, SHARED_DATA } from "./bench/dev-sets.js";
import { fitThresholds } from "./bench/learning-fit.js";
import { type EditToAnswer, measureEditToAnswer, pickProbes } from "./bench/learning-latency.js";
import { flips, scoreAll, setReport, unsureReport } from "./bench/learning-score.js";
import { editorTotals, simulateLearning } from "./bench/learning-simulation.js";
import { splitForLearning, spreadSample } from "./bench/learning-split.js";
import type { DevQuestion } from "./bench/metrics.js";

const { values: args } = parseArgs({
  options: {
    procedures: { type: "string", default: BENCH_PROCEDURES_FILE },
    questions: { type: "string", default: `${SHARED_DATA}eval/dev-questions-motcua.jsonl` },
    /** How many batches the stream is replayed in (the editor works after each). */
    batches: { type: "string", default: "4" },
    /** How many of the largest open groups the editor looks at after each batch. */
    "editor-groups": { type: "string", default: "15" },
    /** Grouping threshold of the editor's view (default: assets/learning-weights.json `group`). */
    "group-threshold": { type: "string" },
    /** At most this many stream questions (spread over the stream) and held-back ones, for quick runs. */
    limit: { type: "string" },
    /** The second process's lesson poll interval (the app's LESSON_POLL_MS by default). */
    "poll-ms": { type: "string", default: String(LESSON_POLL_MS) },
    /** Edit-to-answer runs (0 skips the measure). */
    "latency-runs": { type: "string", default: "3" },
    /** Share of the citizens given a wrong answer who press "Chưa đúng" (0–1). */
    "unhelpful-share": { type: "string", default: "0.5" },
    /** Also replays the simulation over a grid of the match, override and group thresholds. */
    fit: { type: "boolean", default: false },
  },
});

const log = (text: string) => process.stderr.write(`${text}\n`);
const integer = (name: string, value: string | undefined, min = 1): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return n;
};

/** The split, cut down by --limit: a spread of the stream, and held-back phrasings of the procedures it still has. */
function limited(stream: DevQuestion[], heldBack: DevQuestion[], limit: number | undefined) {
  if (limit === undefined) return { stream, heldBack };
  const kept = spreadSample(stream, limit);
  const codes = new Set(kept.flatMap((q) => (q.behavior === "answer" ? q.gold.slice(0, 1) : [])));
  return { stream: kept, heldBack: heldBack.filter((q) => codes.has(q.gold[0] as string)).slice(0, limit) };
}

async function main(): Promise<void> {
  const started = performance.now();
  const batches = integer("batches", args.batches);
  const unhelpfulShare = Number(args["unhelpful-share"]);
  if (!(unhelpfulShare >= 0 && unhelpfulShare <= 1))
    throw new Error("--unhelpful-share must be between 0 and 1");
  const groups = integer("editor-groups", args["editor-groups"]);
  const pollMs = integer("poll-ms", args["poll-ms"], 10);
  const latencyRuns = integer("latency-runs", args["latency-runs"], 0);
  const limit = args.limit === undefined ? undefined : integer("limit", args.limit);
  const groupThreshold = Number(args["group-threshold"] ?? LEARNING_WEIGHTS.group);
  if (!(groupThreshold > 0 && groupThreshold <= 1)) throw new Error("--group-threshold must be in (0, 1]");

  log("reading the procedures and building the knowledge base …");
  const { procedures } = readProceduresFile(args.procedures as string);
  const kb = createKnowledgeBase(procedures);
  const hasProcedure = (code: string) => kb.get(code) !== undefined;
  const questions = readDevQuestions(args.questions as string);
  const split = splitForLearning(questions);
  const { stream, heldBack } = limited(split.stream, split.heldBack, limit);
  const everyone = [...stream, ...heldBack];
  log(`stream ${stream.length} questions, held back ${heldBack.length}`);

  const before = scoreAll((t) => kb.decide(t), everyone);
  const unsure = unsureReport((t) => kb.decide(t), everyone);
  const probes = latencyRuns > 0 ? pickProbes(kb, stream, latencyRuns) : [];

  const database = await openDatabase({});
  await migrate(database);
  const { db } = database;
  const simStarted = performance.now();
  const rounds = await simulateLearning(
    {
      db,
      decide: (t) => kb.decide(t),
      meaningOf: (t) => kb.meaningOf(t),
      hasProcedure,
      reload: async () => kb.setLessons(await loadLessons(db)),
      log,
    },
    stream,
    { batches, groups, groupThreshold, unhelpfulShare },
  );
  const lessons = await loadLessons(db);
  const simulationMs = Math.round(performance.now() - simStarted);
  const after = scoreAll((t) => kb.decide(t), everyone);

  let fit: Record<string, unknown> | undefined;
  if (args.fit) {
    const bundled = { ...LEARNING_WEIGHTS, group: groupThreshold };
    fit = {
      bundled,
      ...(await fitThresholds(
        { kb, database, log },
        { stream, heldBack, before },
        { batches, groups, bundled, unhelpfulShare },
      )),
    };
  }
  await database.close();

  const heldBackReport = setReport(heldBack, before, after);
  const totals = editorTotals(rounds);
  const latency: EditToAnswer =
    latencyRuns > 0
      ? await measureEditToAnswer({
          probes,
          proceduresFile: args.procedures as string,
          pollMs,
          hasProcedure,
          log,
        })
      : { runs: null, reason: "skipped (--latency-runs 0)" };
  if (latency.runs === null) log(`editToAnswerMs: null (${latency.reason})`);

  const report = {
    headline:
      "answeredShare and top1 at the top are the held-back phrasings' (never asked, never shown to the editor)",
    answeredShare: heldBackReport.answeredShare,
    top1: heldBackReport.top1,
    editorActions: totals.link + totals.noise,
    editToAnswerMs: latency.runs === null ? null : latency,
    wrongAfter: flips(heldBack, before, after).wrongAfter,
    heldBack: { ...heldBackReport, ...flips(heldBack, before, after) },
    stream: { ...setReport(stream, before, after), ...flips(stream, before, after) },
    /** Answers logged as unsure for the editors (before any lesson), by the `unsure` threshold. */
    unsure,
    editor: {
      ...totals,
      lessons: lessons.length,
      phrases: lessons.reduce((n, l) => n + l.phrases.length, 0),
      rounds,
    },
    settings: {
      batches,
      editorGroups: groups,
      unhelpfulShare,
      limit: limit ?? null,
      matchThreshold: LEARNING_WEIGHTS.match,
      overrideThreshold: LEARNING_WEIGHTS.override,
      groupThreshold,
      procedures: kb.size,
      questions: questions.length,
    },
    ...(fit ? { fit } : {}),
    simulationMs,
    totalMs: Math.round(performance.now() - started),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(`bench:learning failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
