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
export const REPORT_CUE_KINDS = ["subject", "state", "strong", "weak", "request", "ask"] as const;

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

/** Where each occurrence of any of the phrases starts and ends (end exclusive). */
function spans(tokens: readonly CueToken[], phrases: readonly CueToken[][]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const phrase of phrases) {
    outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
      for (let k = 0; k < phrase.length; k++)
        if (!sameWord(tokens[i + k] as CueToken, phrase[k] as CueToken)) continue outer;
      out.push([i, i + phrase.length]);
    }
  }
  return out;
}

/** How many separate places of the message the phrases cover (overlapping matches count once). */
function distinctHits(tokens: readonly CueToken[], phrases: readonly CueToken[][]): number {
  const found = spans(tokens, phrases).sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
  const kept: Array<[number, number]> = [];
  for (const [s, e] of found) if (!kept.some(([ks, ke]) => s < ke && ks < e)) kept.push([s, e]);
  return kept.length;
}

/**
 * Compiles the list with the same normalization as queries (plain and accented spellings alike)
 * into a detector: strong cues, weak cues and subjects followed by a bad state are evidence; one
 * weak piece of evidence inside a procedure question is not a report.
 */
export function compileReportCues(rows: ReportCueRows, vocabulary?: ReadonlySet<string>): ReportDetector {
  const compile = (list: string[]) => list.map(cueTokens).filter((p) => p.length > 0);
  const cues = Object.fromEntries(REPORT_CUE_KINDS.map((k) => [k, compile(rows[k])])) as Record<
    ReportCueKind,
    CueToken[][]
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
      const score = 2 * distinctHits(tokens, cues.strong) + distinctHits(tokens, cues.weak) + pairs;
      const request = spans(tokens, cues.request).length > 0;
      const ask = spans(tokens, cues.ask).length > 0;
      // One weak piece of evidence in a question or next to a procedure ("đăng ký khai sinh quá
      // hạn") is not a report.
      const report = score >= 2 || (score === 1 && !request && !ask);
      return { report, asks: report && request && ask, score };
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
