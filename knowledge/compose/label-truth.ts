import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { upperFirst } from "./clean-text.js";
import { foldPhrase, foldWord, phraseAt } from "./document-case-words.js";
import { joinTokens, tokenize } from "./label-phrases.js";
import { splitAsides } from "./name-asides.js";
import { PART_SEPARATOR } from "./span-labels.js";

/** The bundled, reviewed words that turn the phrase after them around (assets/label-negations.tsv). */
export const BUNDLED_LABEL_NEGATIONS_FILE = fileURLToPath(
  new URL("../../assets/label-negations.tsv", import.meta.url),
);

/** Parses the negations file: one phrase a line, comments and blank lines skipped; longest first. */
export function parseLabelNegations(text: string): string[][] {
  return text
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map(foldPhrase)
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length);
}

let bundled: string[][] | undefined;

/** The bundled negations, read once. */
export function bundledLabelNegations(): string[][] {
  bundled ??= parseLabelNegations(readFileSync(BUNDLED_LABEL_NEGATIONS_FILE, "utf8"));
  return bundled;
}

/** Lower-cases a part's first letter unless its first word is written in capitals ("UBND"). */
const lowerFirstWord = (part: string) =>
  /^\p{Lu}{2,}/u.test(part) ? part : part.charAt(0).toLocaleLowerCase("vi") + part.slice(1);

/** Where a run of folded words occurs in a word list; -1 when it does not. */
function indexOfRun(keys: readonly string[], run: readonly string[]): number {
  for (let at = 0; at + run.length <= keys.length; at++) if (phraseAt(keys, at, run)) return at;
  return -1;
}

/** A suffix the labeller adds from outside the name: the level "(Cấp xã)", the code, a number. */
const ADDED_SUFFIX = /\s+(?:\((?:mã [^()]*|cấp [^()]*|cơ quan khác[^()]*)\)|#\d+)$/iu;

/**
 * Checks a button label against the candidate's own name: every part of it ("a – b") must be
 * words of the name (or of its words outside brackets, or of one bracketed aside) in the same order, a part the name negates ("không phải xin phép …") takes the
 * negation along, and a part of several words already inside another part is dropped. Returns the label, corrected,
 * or null when a part is not in the name at all.
 */
export function truthfulLabel(
  label: string,
  name: string,
  negations = bundledLabelNegations(),
): string | null {
  const suffix = ADDED_SUFFIX.exec(label)?.[0] ?? "";
  const body = suffix ? label.slice(0, -suffix.length) : label;
  if (!body.trim()) return label;
  const { core, asides } = splitAsides(name);
  const texts = [name, core, ...asides].map((text) => {
    const tokens = tokenize(text);
    return { tokens, keys: tokens.map(foldWord) };
  });
  const parts = body
    .split(PART_SEPARATOR)
    .map((p) => p.trim())
    .filter(Boolean);
  const keysOf = (part: string) => foldPhrase(part);
  const kept = parts.filter((part, i) => {
    const own = keysOf(part).join(" ");
    if (!own.includes(" ")) return true;
    return !parts.some((other, j) => {
      if (j === i) return false;
      const theirs = keysOf(other).join(" ");
      return (theirs.length > own.length || (theirs === own && j < i)) && ` ${theirs} `.includes(` ${own} `);
    });
  });
  const fixed: string[] = [];
  for (const part of kept) {
    const run = keysOf(part);
    if (run.length === 0) continue;
    const text = texts.find((t) => indexOfRun(t.keys, run) >= 0);
    if (!text) return null;
    const at = indexOfRun(text.keys, run);
    const negation = negations.find(
      (n) => !phraseAt(text.keys, at, n) && at >= n.length && phraseAt(text.keys, at - n.length, n),
    );
    const lead = negation
      ? joinTokens(text.tokens.slice(at - negation.length, at)).toLocaleLowerCase("vi")
      : "";
    fixed.push(lead ? `${lead} ${lowerFirstWord(part)}` : part);
  }
  if (fixed.length === 0) return null;
  return upperFirst(fixed.join(PART_SEPARATOR)) + suffix;
}
