import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { foldTokens, normalizeTokens } from "../normalize.js";

/** The bundled list of everyday words that name several different papers (assets/vague-words.tsv). */
export const BUNDLED_VAGUE_WORDS_FILE = fileURLToPath(
  new URL("../../assets/vague-words.tsv", import.meta.url),
);

/** An everyday phrase and the official readings a person would offer for it. */
export interface VagueWord {
  /** The phrase, normalized like messages. */
  phrase: string[];
  /** Each reading, as text a message could hold instead of the phrase. */
  readings: string[];
  /** When set, the phrase is vague only in a message holding one of these ("mất", "làm lại"). */
  with: string[][];
}

/** The compiled list: the vague phrases and the words that leave them vague. */
export interface VagueWords {
  words: VagueWord[];
  /** Words that say what to do with a paper, not which paper (làm lại, bị mất, đổi …). */
  generic: ReadonlySet<string>;
}

/**
 * Parses the list ("vague<TAB>phrase<TAB>reading | reading[<TAB>only with | …]", "generic<TAB>word
 * | word", # comments).
 */
export function parseVagueWords(content: string): VagueWords {
  const words: VagueWord[] = [];
  const generic = new Set<string>();
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const [kind, first, second, third] = line.split("\t").map((c) => c.trim());
    if (kind === "generic" && first)
      for (const p of first.split("|")) for (const t of foldTokens(p)) generic.add(t);
    if (kind !== "vague" || !first || !second) continue;
    const phrase = normalizeTokens(first);
    const readings = second
      .split("|")
      .map((r) => r.trim())
      .filter(Boolean);
    const withWords = (third ?? "")
      .split("|")
      .map((w) => normalizeTokens(w))
      .filter((w) => w.length > 0);
    if (phrase.length > 0 && readings.length >= 2) words.push({ phrase, readings, with: withWords });
  }
  // The longest phrase is tried first ("giấy tờ xe" before "giấy tờ").
  words.sort((a, b) => b.phrase.length - a.phrase.length);
  return { words, generic };
}

let bundled: VagueWords | undefined;

/** The bundled list, read once. */
export function bundledVagueWords(): VagueWords {
  bundled ??= parseVagueWords(readFileSync(BUNDLED_VAGUE_WORDS_FILE, "utf8"));
  return bundled;
}

/** A vague phrase found in a message: where it is and what it may mean. */
export interface VagueAsk {
  start: number;
  end: number;
  readings: string[];
}

/**
 * The vague phrase a message rests on, when every other topic word of it only says what to do
 * ("làm lại giấy tờ xe", "cấp lại sổ bị mất", "tách sổ"); undefined when anything else names the
 * paper ("sổ đỏ bị mất", "mất sổ bảo hiểm").
 */
export function vagueAsk(
  list: VagueWords,
  tokens: readonly string[],
  topicTokens: readonly string[],
): VagueAsk | undefined {
  const topic = new Set(topicTokens);
  const at = (phrase: readonly string[], i: number) => phrase.every((w, k) => tokens[i + k] === w);
  const holds = (phrase: readonly string[]) => tokens.some((_, i) => at(phrase, i));
  for (const word of list.words) {
    const n = word.phrase.length;
    for (let start = 0; start + n <= tokens.length; start++) {
      if (!at(word.phrase, start)) continue;
      if (word.with.length > 0 && !word.with.some(holds)) break;
      // The words that make it vague ("mất", "làm lại") say what to do, like generic ones.
      const own = new Set(word.with.flat());
      const end = start + n;
      const rest = tokens.filter((t, i) => (i < start || i >= end) && topic.has(t) && !own.has(t));
      if (rest.every((t) => list.generic.has(t))) return { start, end, readings: word.readings };
      return undefined;
    }
  }
  return undefined;
}
