import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { foldTokens } from "./normalize.js";
import {
  cueTokens,
  distinct,
  indexPhrases,
  type PhraseIndex,
  reportTokens,
  type Span,
  spans,
} from "./report-cue-match.js";

export { reportTokens } from "./report-cue-match.js";

/** The bundled, reviewed list of report and complaint cues (assets/report-cues.tsv). */
export const BUNDLED_REPORT_CUES_FILE = fileURLToPath(new URL("../assets/report-cues.tsv", import.meta.url));

/** The kinds of cue the list holds (see the file's header for what each means). */
export const REPORT_CUE_KINDS = [
  "subject",
  "state",
  "officer",
  "conduct",
  "strong",
  "weak",
  "request",
  "ask",
  "question",
  "number",
] as const;

/** One kind of cue. */
export type ReportCueKind = (typeof REPORT_CUE_KINDS)[number];

/** The phrases of each kind, as written in the file. */
export type ReportCueRows = Record<ReportCueKind, string[]>;

/** How a message reads: a report of a problem, and whether it also asks about a procedure. */
export interface ReportReading {
  /** The message reports a problem or complains: offer to forward it as a PAKN. */
  report: boolean;
  /** The message also asks about a procedure: answer that too. */
  asks: boolean;
  /** Evidence weight (strong cue 2, weak cue or subject-with-state 1), for benchmarks and tests. */
  score: number;
  /** The evidence found ("strong:phản ánh về", "pair:đường+ngập"…), so anybody can see why. */
  evidence: string[];
}

/** Reads messages for reports and complaints. */
export interface ReportDetector {
  /**
   * `reply`: the message answers the bot's own answer or question; the citizen's situation told
   * in a plain sentence ("bé sinh bên Hàn Quốc, bố là người Hàn") is then not a report.
   */
  read(text: string, options?: { reply?: boolean }): ReportReading;
}

/** How far after a subject its state may come ("đường bê tông trước cổng trường bị sụt"). */
const STATE_AFTER = 8;
/** How far after an officer the misconduct may come ("cán bộ tư pháp xã bảo … gửi thêm"). */
const CONDUCT_AFTER = 16;
/** How much each kind of evidence weighs, and how much makes a report. */
const REPORT_EVIDENCE = {
  /** A strong cue or an officer's misconduct, against one for a weak cue or a subject's state. */
  strongWeight: 2,
  /** At most this many subjects in a bad state count (a long list of woes is one report). */
  maxPairs: 2,
  /** A message needs this much evidence to be a report. */
  reportScore: 2,
  /** A message that asks about a procedure needs this much, unless a misconduct or a pair is there. */
  procedureQuestionScore: 3,
} as const;
/** How far before a subject its state may come ("ngập hết cả đường"). */
const STATE_BEFORE = 3;
/** A statement this long, asking nothing and naming no procedure, describes a state of things. */
const STATEMENT_WORDS = 10;
/** Words that end a Vietnamese question ("… được không", "… chưa", "… à"). */
const QUESTION_ENDINGS = new Set(["khong", "chua", "a", "nhi", "ha", "ko", "hong"]);

/** Parses the TSV list ("kind<TAB>phrase | phrase", # comments); unknown kinds are skipped. */
export function parseReportCues(content: string): ReportCueRows {
  const rows = Object.fromEntries(REPORT_CUE_KINDS.map((k) => [k, [] as string[]])) as ReportCueRows;
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const [kind, cell] = line.split("\t");
    const key = kind?.trim() as ReportCueKind;
    if (!REPORT_CUE_KINDS.includes(key) || !cell) continue;
    for (const p of cell.split("|")) if (p.trim()) rows[key].push(p.trim());
  }
  return rows;
}

/**
 * The subjects with a state near them (within `after` words after, STATE_BEFORE before), nearest
 * first: each subject and each state count once ("đường … ống nước bị vỡ" is one broken thing).
 */
function pairsOf(subjects: readonly Span[], states: readonly Span[], after: number): Array<[Span, Span]> {
  const near: Array<[Span, Span, number]> = [];
  for (const subject of subjects)
    for (const state of states) {
      const gap = state[0] >= subject[1] ? state[0] - subject[1] : subject[0] - state[1];
      const limit = state[0] >= subject[1] ? after : STATE_BEFORE;
      if (gap >= 0 && gap <= limit) near.push([subject, state, gap]);
    }
  near.sort((x, y) => x[2] - y[2]);
  const out: Array<[Span, Span]> = [];
  const overlaps = (x: Span, y: Span) => x[0] < y[1] && y[0] < x[1];
  for (const [subject, state] of near) {
    // A subject named by several cues ("đường" inside "đường bê tông") is one subject.
    if (out.some(([su, st]) => overlaps(su, subject) || overlaps(st, state))) continue;
    out.push([subject, state]);
  }
  return out.sort((x, y) => x[0][0] - y[0][0]);
}

/**
 * Compiles the list with the same normalization as queries (plain and accented spellings alike)
 * into a detector: strong cues, an officer's misconduct, weak cues and subjects in a bad state are
 * evidence; a question about a procedure needs more of it, and one weak piece next to a procedure
 * is not a report.
 */
export function compileReportCues(rows: ReportCueRows, vocabulary?: ReadonlySet<string>): ReportDetector {
  const numbers = new Set(rows.number.flatMap((w) => foldTokens(w)));
  const compile = (list: string[]) =>
    indexPhrases(
      list.map(cueTokens).filter((p) => p.length > 0),
      numbers,
    );
  const cues = Object.fromEntries(REPORT_CUE_KINDS.map((k) => [k, compile(rows[k])])) as Record<
    ReportCueKind,
    PhraseIndex
  >;
  return {
    read(text, options = {}) {
      const tokens = reportTokens(text, vocabulary);
      const words = ([s, e]: Span) =>
        tokens
          .slice(s, e)
          .map((t) => t.folded)
          .join(" ");
      const requests = spans(tokens, cues.request);
      // A cue inside a longer procedure name ("tai nạn" in "tai nạn lao động") is that name.
      const free = (found: Span[]) =>
        found.filter(([s, e]) => !requests.some(([rs, re]) => rs <= s && e <= re && re - rs > e - s));
      // The same cue said twice ("tiếng ồn … tiếng ồn") is one piece of evidence.
      const once = (found: Span[]) => [...new Map(found.map((f) => [words(f), f])).values()];
      const strong = once(distinct(free(spans(tokens, cues.strong))));
      const subjects = free(spans(tokens, cues.subject));
      const pairs = pairsOf(subjects, spans(tokens, cues.state), STATE_AFTER).slice(
        0,
        REPORT_EVIDENCE.maxPairs,
      );
      // A weak cue that is a paired subject's state ("ngập" in "đường làng thì ngập") counts once.
      const inPair = ([s, e]: Span) =>
        pairs.some(([, [ps, pe]]) => (ps <= s && e <= pe) || (s <= ps && pe <= e));
      const weak = once(distinct(free(spans(tokens, cues.weak)))).filter((w) => !inPair(w));
      const misconduct = pairsOf(
        spans(tokens, cues.officer),
        spans(tokens, cues.conduct),
        CONDUCT_AFTER,
      ).slice(0, 1);
      const evidence = [
        ...strong.map((s) => `strong:${words(s)}`),
        ...misconduct.map(([o, c]) => `officer:${words(o)}+${words(c)}`),
        ...weak.map((s) => `weak:${words(s)}`),
        ...pairs.map(([o, c]) => `pair:${words(o)}+${words(c)}`),
      ];
      const request = requests.length > 0;
      const ask = spans(tokens, cues.ask).length > 0;
      const last = tokens.slice(-2).map((t) => t.folded);
      // Ends like a question ("… không?"), or has a question word somewhere ("… gì", "hỏi").
      const asked = text.includes("?") || last.some((t) => QUESTION_ENDINGS.has(t));
      const question = asked || spans(tokens, cues.question).length > 0;
      // A long plain statement that asks for nothing describes a state of things.
      const statement =
        !options.reply && !request && !ask && !question && tokens.length >= STATEMENT_WORDS ? 1 : 0;
      if (statement) evidence.push("statement");
      const score =
        REPORT_EVIDENCE.strongWeight * (strong.length + misconduct.length) +
        weak.length +
        pairs.length +
        statement;
      const { reportScore, procedureQuestionScore } = REPORT_EVIDENCE;
      // A question about a procedure needs an officer's misconduct, a thing in a bad state with
      // more evidence, or more pieces, not just words of harm: "nhà bị ngập hư hỏng đồ đạc thì có
      // được hỗ trợ gì không" asks for support. Outside one, a single weak piece of evidence next
      // to a procedure ("đăng ký khai sinh quá hạn") is not a report either.
      const procedureQuestion = request && (ask || asked);
      const read = procedureQuestion
        ? misconduct.length > 0 ||
          score >= procedureQuestionScore ||
          (pairs.length > 0 && score >= reportScore)
        : score >= reportScore || (score > 0 && !request && !ask);
      // In a reply one word of harm is the situation ("bị mất chứ không phải hỏng"), not a report.
      const report =
        read &&
        (!options.reply || strong.length + misconduct.length + pairs.length > 0 || score >= reportScore);
      // A report that names a procedure and asks anything about it gets the answer too.
      return { report, asks: report && request && (ask || question), score, evidence };
    },
  };
}

/** Loads a cue list file (default: the bundled one). */
export function loadReportCues(
  file = BUNDLED_REPORT_CUES_FILE,
  vocabulary?: ReadonlySet<string>,
): ReportDetector {
  return compileReportCues(parseReportCues(readFileSync(file, "utf8")), vocabulary);
}
