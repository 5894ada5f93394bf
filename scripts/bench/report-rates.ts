// `npx tsx scripts/bench/report-rates.ts [--dev FILE] [--part tune|held] [--held FILE]`: how often the
// bot would offer a PAKN, on our own labelled reports and procedure questions (report-questions.jsonl,
// the set the cues are tuned on), on a second set never tuned on (report-questions-held.jsonl: only
// its rates are printed, never which messages failed) and, with --dev, on the dev questions of one
// part (every one of them is a procedure question). JSON out.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import type { KnowledgeBase } from "../../knowledge/decision-types.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";
import { devPart } from "./dev-split.js";

/** The labelled set of reports and procedure questions written for this measurement. */
export const REPORT_SET_FILE = fileURLToPath(new URL("./report-questions.jsonl", import.meta.url));

/** A second labelled set, written separately and never tuned on: it measures unseen messages. */
export const REPORT_HELD_SET_FILE = fileURLToPath(new URL("./report-questions-held.jsonl", import.meta.url));

/** One labelled message: a report of a problem (true) or a procedure question (false). */
export interface LabelledMessage {
  id: string;
  q: string;
  report: boolean;
  /** The report also asks about a procedure: the bot should answer that too. */
  asks?: boolean;
}

/** The two rates of the report detector, with the misread messages' ids. */
export interface ReportRates {
  reports: number;
  reportsOffered: number;
  questions: number;
  questionsOffered: number;
  /** Reports labelled as also asking, and the share of them read as asking. */
  asking: number;
  askingRead: number;
  missed: string[];
  wronglyOffered: string[];
}

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** Reads the labelled set (default: the bundled one). */
export function readLabelledMessages(path = REPORT_SET_FILE): LabelledMessage[] {
  return readJsonl<LabelledMessage>(path);
}

const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);

/** Measures the share of reports offered as a PAKN and of procedure questions wrongly offered. */
export function measureReportRates(kb: KnowledgeBase, messages: readonly LabelledMessage[]): ReportRates {
  const missed: string[] = [];
  const wronglyOffered: string[] = [];
  let reports = 0;
  let questions = 0;
  let asking = 0;
  let askingRead = 0;
  for (const m of messages) {
    const report = kb.decide(m.q).report;
    const offered = report !== undefined;
    if (m.report) {
      reports += 1;
      if (!offered) missed.push(m.id);
      if (m.asks) {
        asking += 1;
        if (report?.asks) askingRead += 1;
      }
    } else {
      questions += 1;
      if (offered) wronglyOffered.push(m.id);
    }
  }
  return {
    reports,
    reportsOffered: share(reports - missed.length, reports),
    questions,
    questionsOffered: share(wronglyOffered.length, questions),
    asking,
    askingRead: share(askingRead, asking),
    missed,
    wronglyOffered,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dev: { type: "string" },
      part: { type: "string", default: "tune" },
      held: { type: "string", default: REPORT_HELD_SET_FILE },
    },
  });
  const kb = createKnowledgeBase(readProceduresFile(BUNDLED_PROCEDURES_FILE).procedures);
  const own = measureReportRates(kb, readLabelledMessages());
  // The held set's failures stay unnamed, so nobody tunes a cue on them.
  const {
    missed: _m,
    wronglyOffered: _w,
    ...held
  } = measureReportRates(kb, readLabelledMessages(values.held));
  const out: Record<string, unknown> = { own, held };
  if (values.dev) {
    const dev = readJsonl<{ id: string; q: string }>(values.dev)
      .filter((q) => devPart(q.id) === values.part)
      .map((q) => ({ id: q.id, q: q.q, report: false }));
    out[`dev_${values.part}`] = measureReportRates(kb, dev);
  }
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    process.stderr.write(`report-rates: ${String(err)}\n`);
    process.exitCode = 1;
  });
}
