import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  accentKey,
  canonicalSyllable,
  foldDiacritics,
  foldTokens,
  normalizeTokens,
  prepareText,
} from "./normalize.js";

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
  read(text: string): ReportReading;
}

/**
 * A word of a message or of a cue: its folded form, and its spelling with diacritics when it was
 * typed with them (a cue marked "~" matches only that spelling: "chợ" is not "cho", "hôi" not "hỏi").
 */
interface CueToken {
  folded: string;
  key?: string;
  strict?: boolean;
  /** "#" in a cue: any number, in digits ("3", "7h30") or a number word of the list. */
  number?: boolean;
  /** "*" in a cue: up to GAP_WORDS words of anything ("sáng nào * cũng"). */
  gap?: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Splits a message into words: accented words keep their spelling (so "hẻm" stays a lane and
 * "bản" is not "bẩn"); plain words get the usual chat and Telex repairs.
 */
export function reportTokens(text: string, vocabulary?: ReadonlySet<string>): CueToken[] {
  const out: CueToken[] = [];
  for (const [raw] of prepareText(text).matchAll(WORD)) {
    const folded = foldDiacritics(raw);
    if (folded !== raw) out.push({ folded: canonicalSyllable(folded), key: accentKey(raw) });
    else for (const t of normalizeTokens(raw, vocabulary)) out.push({ folded: t });
  }
  return out;
}

/** A cue phrase's words; "~" before the phrase makes its accented words strict. */
function cueTokens(phrase: string): CueToken[] {
  const strict = phrase.startsWith("~");
  const body = (strict ? phrase.slice(1) : phrase).normalize("NFC").toLowerCase();
  const words = body.match(/[\p{L}\p{N}]+|[#*]/gu) ?? [];
  return words.map((w) => {
    if (w === "#") return { folded: "#", number: true };
    if (w === "*") return { folded: "*", gap: true };
    const [folded = ""] = foldTokens(w);
    const accented = foldDiacritics(w) !== w;
    return accented ? { folded, key: accentKey(w), strict } : { folded };
  });
}

/** Whether a message word is the cue's word: same spelling when both carry diacritics. */
function sameWord(word: CueToken, cue: CueToken, numbers: ReadonlySet<string>): boolean {
  if (cue.number) return /^\d/.test(word.folded) || numbers.has(word.folded);
  if (word.folded !== cue.folded) return false;
  if (cue.key === undefined) return true;
  if (word.key === undefined) return !cue.strict;
  return word.key === cue.key;
}

/** How many words a "*" in a cue may stand for. */
const GAP_WORDS = 4;
/** How far after a subject its state may come ("đường bê tông trước cổng trường bị sụt"). */
const STATE_AFTER = 8;
/** How far after an officer the misconduct may come ("cán bộ tư pháp xã bảo … gửi thêm"). */
const CONDUCT_AFTER = 16;
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

/** Phrases grouped by their first folded word ("#" for a number), so a message is scanned once. */
interface PhraseIndex {
  byFirst: Map<string, CueToken[][]>;
  numbers: ReadonlySet<string>;
}

function indexPhrases(phrases: readonly CueToken[][], numbers: ReadonlySet<string>): PhraseIndex {
  const byFirst = new Map<string, CueToken[][]>();
  for (const phrase of phrases) {
    const first = (phrase[0] as CueToken).folded;
    const list = byFirst.get(first);
    if (list) list.push(phrase);
    else byFirst.set(first, [phrase]);
  }
  return { byFirst, numbers };
}

/** Where the phrase's words from `k` on match the message from word `i`: the end, or -1. */
function matchFrom(
  tokens: readonly CueToken[],
  i: number,
  phrase: readonly CueToken[],
  k: number,
  index: PhraseIndex,
): number {
  if (k === phrase.length) return i;
  const cue = phrase[k] as CueToken;
  if (cue.gap) {
    for (let skip = 0; skip <= GAP_WORDS && i + skip <= tokens.length; skip++) {
      const end = matchFrom(tokens, i + skip, phrase, k + 1, index);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (i >= tokens.length || !sameWord(tokens[i] as CueToken, cue, index.numbers)) return -1;
  return matchFrom(tokens, i + 1, phrase, k + 1, index);
}

/** Where each occurrence of any of the phrases starts and ends (end exclusive). */
function spans(tokens: readonly CueToken[], index: PhraseIndex): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  tokens.forEach((token, i) => {
    const number = /^\d/.test(token.folded) || index.numbers.has(token.folded);
    const starting = [
      ...(index.byFirst.get(token.folded) ?? []),
      ...(number ? (index.byFirst.get("#") ?? []) : []),
    ];
    for (const phrase of starting) {
      const end = matchFrom(tokens, i, phrase, 0, index);
      if (end >= 0) out.push([i, end]);
    }
  });
  return out;
}

type Span = [number, number];

/** The separate places of the message the spans cover (most spans that do not overlap). */
function distinct(found: readonly Span[]): Span[] {
  const sorted = [...found].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const out: Span[] = [];
  let free = 0;
  for (const span of sorted) {
    if (span[0] < free) continue;
    out.push(span);
    free = span[1];
  }
  return out;
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
    read(text) {
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
      const pairs = pairsOf(free(spans(tokens, cues.subject)), spans(tokens, cues.state), STATE_AFTER).slice(
        0,
        2,
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
      const statement = !request && !ask && !question && tokens.length >= STATEMENT_WORDS ? 1 : 0;
      if (statement) evidence.push("statement");
      const score = 2 * (strong.length + misconduct.length) + weak.length + pairs.length + statement;
      // A question about a procedure needs an officer's misconduct, a thing in a bad state with
      // more evidence, or three pieces, not just words of harm: "nhà bị ngập hư hỏng đồ đạc thì có được hỗ trợ gì không" asks for support. Outside
      // one, a single weak piece of evidence next to a procedure ("đăng ký khai sinh quá hạn") is
      // not a report either.
      const procedureQuestion = request && (ask || asked);
      const report = procedureQuestion
        ? misconduct.length > 0 || score >= 3 || (pairs.length > 0 && score >= 2)
        : score >= 2 || (score === 1 && !request && !ask);
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
