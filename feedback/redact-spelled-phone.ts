import { foldLower } from "../knowledge/normalize.js";
import { foldAligned } from "./redact-sender.js";
import { REDACTION_WORDS } from "./redact-words.js";

/**
 * Phone numbers read out in words, digit by digit ("không chín tám bảy …", "khong chin tam …"),
 * alone or mixed with digits ("09 tám bảy …"). The digit words are in assets/redaction-words.tsv.
 */

/** Folded digit word -> its digit. */
const DIGIT_WORDS = new Map(REDACTION_WORDS.digit.map((d) => [foldLower(d.word), d.value as string]));
const WORDS = [...DIGIT_WORDS.keys()].map((w) => w.replace(/[^a-z]/g, "")).join("|");
/**
 * Four or more digit words or digit groups in a row: where a spelled phone may be. Folded text is
 * ASCII, so plain word boundaries hold (and keep this first pass fast on long texts).
 */
const CANDIDATE = new RegExp(
  String.raw`(?:\+|\b)(?:${WORDS}|\d+)(?:[\s,.;:–-]+\+?(?:${WORDS}|\d+)){3,}\b`,
  "gi",
);

/** Words and digit groups (a "+84" keeps its plus). */
const TOKEN = /[\p{L}\p{M}]+|\+?\d+/gu;
/** What may stand between the digits of one number: spaces, commas, dots, dashes. */
const GAP = /^[\s,.;:–-]*$/u;
/** Fewer digit words than this is a number written in digits, the job of the digit patterns. */
const MIN_WORDS = 3;

interface DigitToken {
  start: number;
  end: number;
  digits: string;
  word: boolean;
}

/** The number in its national form when the digits are a Vietnamese mobile or landline number. */
function asPhone(digits: string): boolean {
  const national = /^84[1-9]/.test(digits) ? `0${digits.slice(2)}` : digits;
  return /^0[35789]\d{8}$/.test(national) || /^02\d{9}$/.test(national);
}

/** Runs of tokens that each read as digits, with nothing but separators between them. */
function digitRuns(text: string): DigitToken[][] {
  const runs: DigitToken[][] = [];
  let run: DigitToken[] = [];
  const tokens = [...foldAligned(text).matchAll(CANDIDATE)].flatMap((c) =>
    [...c[0].matchAll(TOKEN)].map((m) => ({ raw: m[0], start: (c.index ?? 0) + (m.index ?? 0) })),
  );
  for (const { raw, start } of tokens) {
    const word = !/\d/.test(raw);
    const digits = word ? DIGIT_WORDS.get(raw.toLowerCase()) : raw.replace("+", "");
    const last = run.at(-1);
    if (last && (digits === undefined || !GAP.test(text.slice(last.end, start)))) {
      runs.push(run);
      run = [];
    }
    if (digits !== undefined) run.push({ start, end: start + raw.length, digits, word });
  }
  if (run.length) runs.push(run);
  return runs;
}

/** Replaces every phone number spelled (at least partly) in words with `by`. */
export function redactSpelledPhones(text: string, by: string): string {
  const spans: [number, number][] = [];
  for (const run of digitRuns(text)) {
    if (run.filter((t) => t.word).length < MIN_WORDS) continue;
    let s = 0;
    while (s < run.length) {
      let digits = "";
      let words = 0;
      let found = -1;
      for (let e = s; e < run.length && digits.length < 12; e++) {
        digits += (run[e] as DigitToken).digits;
        if ((run[e] as DigitToken).word) words++;
        if (words >= MIN_WORDS && asPhone(digits)) found = e;
      }
      if (found < 0) {
        s++;
        continue;
      }
      spans.push([(run[s] as DigitToken).start, (run[found] as DigitToken).end]);
      s = found + 1;
    }
  }
  let out = "";
  let last = 0;
  for (const [start, end] of spans) {
    out += text.slice(last, start) + by;
    last = end;
  }
  return out + text.slice(last);
}
