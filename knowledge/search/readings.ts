import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { accentKey, foldTokens } from "../normalize.js";

/** The bundled everyday phrases that fix how unaccented words read (assets/unaccented-readings.tsv). */
export const BUNDLED_EVERYDAY_READINGS_FILE = fileURLToPath(
  new URL("../../assets/unaccented-readings.tsv", import.meta.url),
);

/** Parses the everyday-readings file: one accented phrase of two words or more per line, # comments. */
export function parseEverydayReadings(content: string): string[] {
  return content
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#") && l.split(/\s+/).length > 1);
}

let bundled: EverydayReadings | undefined;
/** The bundled everyday phrases, read and compiled once. */
export function bundledEverydayReadings(): EverydayReadings {
  bundled ??= new EverydayReadings(
    parseEverydayReadings(readFileSync(BUNDLED_EVERYDAY_READINGS_FILE, "utf8")),
  );
  return bundled;
}

/** An everyday phrase: its folded words ("<số>" for any number) and their accent keys. */
interface EverydayPhrase {
  folded: string[];
  keys: (string | undefined)[];
}

/** Stands for any number in an everyday phrase ("năm <số>" is "năm 1998"). */
const NUMBER = "<số>";

/** An everyday phrase's words: "<số>" matches any number, other words as in wordsOf. */
function everydayWords(phrase: string): { folded: string; key?: string }[] {
  return phrase
    .trim()
    .split(/\s+/)
    .flatMap((w) => (w === NUMBER ? [{ folded: NUMBER }] : wordsOf(w)));
}

/** Words of a trusted accented text with their folded forms (numbers and marks-free words kept). */
function wordsOf(text: string): { folded: string; key: string }[] {
  const raw =
    String(text)
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: { folded: string; key: string }[] = [];
  for (const w of raw) {
    const folded = foldTokens(w);
    if (folded.length !== 1) continue;
    out.push({ folded: folded[0] as string, key: accentKey(w) });
  }
  return out;
}

/**
 * How the words of everyday phrases read when typed without diacritics ("bao nhieu tien" is
 * "bao nhiêu tiền"), compiled from the accented phrases once.
 */
export class EverydayReadings {
  /** Everyday phrases by their first folded word ("<số>" for a number), longest first. */
  private readonly byFirst = new Map<string, EverydayPhrase[]>();

  constructor(phrases: readonly string[]) {
    for (const phrase of phrases) {
      const words = everydayWords(phrase);
      const first = words[0];
      if (words.length < 2 || !first) continue;
      const list = this.byFirst.get(first.folded) ?? [];
      list.push({ folded: words.map((w) => w.folded), keys: words.map((w) => w.key) });
      this.byFirst.set(first.folded, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.folded.length - a.folded.length);
  }

  /**
   * Per folded token: the accent key an everyday phrase gives it, undefined outside phrases
   * (phrases may overlap, as "phí bao nhiêu" and "bao nhiêu tiền" do; where two read a shared
   * word differently, as "nhà mới" and "mỗi tháng" in "nha moi thang", it stays unread; skipped
   * tokens match no phrase).
   */
  keysAt(tokens: readonly string[], skip?: readonly boolean[]): (string | undefined)[] {
    const fixed: (string | undefined)[] = tokens.map(() => undefined);
    const torn = tokens.map(() => false);
    tokens.forEach((token, i) => {
      const found = this.byFirst
        .get(/^\d+$/.test(token) ? NUMBER : token)
        ?.find((p) => p.folded.every((f, k) => wordAt(tokens, i + k, f) && !skip?.[i + k]));
      found?.keys.forEach((key, k) => {
        if (key === undefined) return;
        if (fixed[i + k] !== undefined && fixed[i + k] !== key) torn[i + k] = true;
        fixed[i + k] ??= key;
      });
    });
    return fixed.map((key, i) => (torn[i] ? undefined : key));
  }
}

/**
 * Which accented reading an unaccented syllable has, judged by its neighbours: procedure names
 * say that "dinh" next to "chinh" is "đính" (đính chính), not "đình" (gia đình), and everyday
 * phrases say that "bao nhieu tien" is "tiền", not "tiện". Only folded syllables the names spell
 * with several diacritics are tracked; built once from the names and the everyday phrases.
 */
export class SyllableReadings {
  /** Folded syllables the names spell in more than one way. */
  private readonly ambiguous = new Set<string>();
  /** Folded name bigram → accent keys of its first and of its second syllable. */
  private readonly pairs = new Map<string, [Set<string>, Set<string>]>();
  private readonly everyday: EverydayReadings;

  constructor(names: readonly string[], everyday?: readonly string[]) {
    this.everyday = everyday ? new EverydayReadings(everyday) : bundledEverydayReadings();
    const readings = new Map<string, Set<string>>();
    for (const name of names) {
      const words = wordsOf(name);
      words.forEach((w, i) => {
        const set = readings.get(w.folded) ?? new Set<string>();
        set.add(w.key);
        readings.set(w.folded, set);
        const next = words[i + 1];
        if (!next) return;
        const bigram = `${w.folded} ${next.folded}`;
        const pair = this.pairs.get(bigram) ?? [new Set<string>(), new Set<string>()];
        pair[0].add(w.key);
        pair[1].add(next.key);
        this.pairs.set(bigram, pair);
      });
    }
    for (const [folded, set] of readings) if (set.size > 1) this.ambiguous.add(folded);
  }

  /**
   * For an unaccented message's tokens: the readings its neighbours allow for each ambiguous
   * syllable that forms a name bigram with a neighbour or lies in an everyday phrase (syllables
   * without such a clue are absent). A word of an everyday phrase reads only as the phrase
   * spells it, and a name bigram that reads it otherwise is no clue for its neighbour either.
   */
  inContext(tokens: readonly string[], skip?: readonly boolean[]): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    const put = (folded: string, keys: Iterable<string>) => {
      if (!this.ambiguous.has(folded)) return;
      const set = out.get(folded) ?? new Set<string>();
      for (const k of keys) set.add(k);
      out.set(folded, set);
    };
    const fixed = this.everyday.keysAt(tokens, skip);
    for (let i = 0; i < tokens.length; i++) {
      const key = fixed[i];
      if (key !== undefined) put(tokens[i] as string, [key]);
    }
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (skip?.[i] || skip?.[i + 1]) continue;
      const pair = this.pairs.get(`${tokens[i]} ${tokens[i + 1]}`);
      if (!pair) continue;
      const left = fixed[i];
      const right = fixed[i + 1];
      if ((left !== undefined && !pair[0].has(left)) || (right !== undefined && !pair[1].has(right)))
        continue;
      if (left === undefined) put(tokens[i] as string, pair[0]);
      if (right === undefined) put(tokens[i + 1] as string, pair[1]);
    }
    return out;
  }
}

/** Whether the token at i is the folded word f (or, for "<số>", a number). */
function wordAt(tokens: readonly string[], i: number, f: string): boolean {
  const token = tokens[i];
  return token !== undefined && (f === NUMBER ? /^\d+$/.test(token) : token === f);
}
