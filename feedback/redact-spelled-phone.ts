import { foldDiacritics } from "../knowledge/normalize.js";
import { REDACTION_WORDS } from "./redact-words.js";

/**
 * Phone numbers read out in words, digit by digit ("không chín tám bảy …", "khong chin tam …"),
 * alone or mixed with digits ("09 tám bảy …"). The digit words are in assets/redaction-words.tsv.
 */

const fold = (s: string) => foldDiacritics(s.normalize("NFC").toLowerCase());

/** Folded digit word -> its digit. */
const DIGIT_WORDS = new Map(REDACTION_WORDS.digit.map((d) => [fold(d.word), d.value as string]));

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
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const word = !/\d/.test(raw);
    const digits = word ? DIGIT_WORDS.get(fold(raw)) : raw.replace("+", "");
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
