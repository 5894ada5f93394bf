import {
  accentKey,
  canonicalSyllable,
  foldDiacritics,
  foldTokens,
  normalizeTokens,
  prepareText,
} from "./normalize.js";

// Matching the cue phrases of assets/report-cues.tsv against a message's words: "~" strict
// spellings, "#" numbers and "*" gaps. The reading of the evidence is in report-detect.ts.

/**
 * A word of a message or of a cue: its folded form, and its spelling with diacritics when it was
 * typed with them (a cue marked "~" matches only that spelling: "chợ" is not "cho", "hôi" not "hỏi").
 */
export interface CueToken {
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
export function cueTokens(phrase: string): CueToken[] {
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

/** Phrases grouped by their first folded word ("#" for a number), so a message is scanned once. */
export interface PhraseIndex {
  byFirst: Map<string, CueToken[][]>;
  numbers: ReadonlySet<string>;
}

/** Indexes compiled phrases by their first word; `numbers` are the words "#" stands for. */
export function indexPhrases(phrases: readonly CueToken[][], numbers: ReadonlySet<string>): PhraseIndex {
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
export function spans(tokens: readonly CueToken[], index: PhraseIndex): Array<[number, number]> {
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

/** Where a phrase starts and ends in a message, in words (end exclusive). */
export type Span = [number, number];

/** The separate places of the message the spans cover (most spans that do not overlap). */
export function distinct(found: readonly Span[]): Span[] {
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
