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
export const REPORT_CUE_KINDS = ["subject", "state", "strong", "weak", "request", "ask", "question"] as const;

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
  const words = (strict ? phrase.slice(1) : phrase).normalize("NFC").toLowerCase().match(WORD) ?? [];
  return words.map((w) => {
    const [folded = ""] = foldTokens(w);
    const accented = foldDiacritics(w) !== w;
    return accented ? { folded, key: accentKey(w), strict } : { folded };
  });
}

/** Whether a message word is the cue's word: same spelling when both carry diacritics. */
function sameWord(word: CueToken, cue: CueToken): boolean {
  if (word.folded !== cue.folded) return false;
  if (cue.key === undefined) return true;
  if (word.key === undefined) return !cue.strict;
  return word.key === cue.key;
}

/** How far after a subject its state may come ("đường bê tông trước cổng trường bị sụt"). */
const STATE_AFTER = 8;
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

/** Phrases grouped by their first folded word, so a message is scanned once per word. */
type PhraseIndex = Map<string, CueToken[][]>;

function indexPhrases(phrases: readonly CueToken[][]): PhraseIndex {
  const index: PhraseIndex = new Map();
  for (const phrase of phrases) {
    const first = (phrase[0] as CueToken).folded;
    const list = index.get(first);
    if (list) list.push(phrase);
    else index.set(first, [phrase]);
  }
  return index;
}

/** Where each occurrence of any of the phrases starts and ends (end exclusive). */
function spans(tokens: readonly CueToken[], phrases: PhraseIndex): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  tokens.forEach((token, i) => {
    outer: for (const phrase of phrases.get(token.folded) ?? []) {
      if (i + phrase.length > tokens.length) continue;
      for (let k = 0; k < phrase.length; k++)
        if (!sameWord(tokens[i + k] as CueToken, phrase[k] as CueToken)) continue outer;
      out.push([i, i + phrase.length]);
    }
  });
  return out;
}

/** How many separate places of the message the phrases cover (most cues that do not overlap). */
function distinctHits(tokens: readonly CueToken[], phrases: PhraseIndex): number {
  const found = spans(tokens, phrases).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  let count = 0;
  let free = 0;
  for (const [start, end] of found) {
    if (start < free) continue;
    count += 1;
    free = end;
  }
  return count;
}

/**
 * Compiles the list with the same normalization as queries (plain and accented spellings alike)
 * into a detector: strong cues, weak cues and subjects followed by a bad state are evidence; one
 * weak piece of evidence inside a procedure question is not a report.
 */
export function compileReportCues(rows: ReportCueRows, vocabulary?: ReadonlySet<string>): ReportDetector {
  const compile = (list: string[]) => indexPhrases(list.map(cueTokens).filter((p) => p.length > 0));
  const cues = Object.fromEntries(REPORT_CUE_KINDS.map((k) => [k, compile(rows[k])])) as Record<
    ReportCueKind,
    PhraseIndex
  >;
  return {
    read(text) {
      const tokens = reportTokens(text, vocabulary);
      const states = spans(tokens, cues.state);
      const subjects = spans(tokens, cues.subject);
      // Each subject in a bad state counts once, however many words name it.
      const paired = new Set<number>();
      for (const [start, end] of subjects) {
        const near = states.some(
          ([s, e]) => (s >= end && s - end <= STATE_AFTER) || (e <= start && start - e <= STATE_BEFORE),
        );
        if (near) paired.add(end);
      }
      const pairs = Math.min(paired.size, 2);
      const request = spans(tokens, cues.request).length > 0;
      const ask = spans(tokens, cues.ask).length > 0;
      const score = 2 * distinctHits(tokens, cues.strong) + distinctHits(tokens, cues.weak) + pairs;
      const last = tokens.slice(-2).map((t) => t.folded);
      const question =
        text.includes("?") ||
        spans(tokens, cues.question).length > 0 ||
        last.some((t) => QUESTION_ENDINGS.has(t));
      // A long plain statement that asks for nothing describes a state of things.
      const statement = !request && !ask && !question && tokens.length >= STATEMENT_WORDS ? 1 : 0;
      // One weak piece of evidence in a question or next to a procedure ("đăng ký khai sinh quá
      // hạn") is not a report.
      const report = score + statement >= 2 || (score + statement === 1 && !request && !ask);
      return { report, asks: report && request && ask, score: score + statement };
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
