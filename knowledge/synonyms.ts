import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { accentKey, foldDiacritics, foldTokens, normalizeTokens } from "./normalize.js";

/** The bundled, editable dictionary of everyday words and abbreviations (assets/synonyms.tsv). */
export const BUNDLED_SYNONYMS_FILE = fileURLToPath(new URL("../assets/synonyms.tsv", import.meta.url));

/** One dictionary rule: a phrase citizens type and the official words it stands for. */
export interface SynonymRule {
  phrase: string[];
  expansion: string[];
  /** Per phrase word, its accent key when the row spells it with diacritics ("đỏ", not "do"). */
  keys?: Array<string | undefined>;
}

/** Official words added to a query because a phrase matched at token `start`. */
export interface SynonymMatch {
  start: number;
  length: number;
  expansion: string[];
}

/** A compiled dictionary that finds everyday phrases in normalized tokens. */
export interface SynonymDictionary {
  readonly size: number;
  /** Every rule, for readers that go from official words back to the everyday ones. */
  readonly rules: readonly SynonymRule[];
  /**
   * All non-overlapping matches, longest phrase first at each position; with the accent keys the
   * message was typed with (accentedTerms), a phrase whose words it spells otherwise is no match
   * ("cần giấy đó" is not "giấy đỏ").
   */
  find(tokens: readonly string[], typed?: ReadonlyMap<string, ReadonlySet<string>>): SynonymMatch[];
}

/** A row of the dictionary: everyday phrases and their official words, or (gap) the words that may sit inside a phrase. */
export interface SynonymRow {
  phrases: string[];
  expansion: string;
  /** A "~gap" row: its phrases may sit inside any phrase ("của tôi" in "hộ chiếu của tôi sắp hết hạn"). */
  gap?: boolean;
}

/**
 * Parses the TSV dictionary text ("phrase | phrase<TAB>official words", "~gap<TAB>phrase | phrase",
 * # comments), so the vocabulary can be edited by non-programmers without touching code.
 */
export function parseSynonyms(content: string): SynonymRow[] {
  const rows: SynonymRow[] = [];
  const split = (cell: string) =>
    cell
      .split("|")
      .map((p) => p.trim())
      .filter(Boolean);
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const [left, right] = line.split("\t");
    if (!left || !right?.trim()) continue;
    if (left.trim() === "~gap") rows.push({ phrases: split(right), expansion: "", gap: true });
    else rows.push({ phrases: split(left), expansion: right.trim() });
  }
  return rows;
}

/**
 * Compiles dictionary rows into a matcher; phrases are normalized exactly like queries (with the
 * same vocabulary) so accented, plain and chat spellings of a phrase all match.
 */
export function compileSynonyms(rows: SynonymRow[], vocabulary?: ReadonlySet<string>): SynonymDictionary {
  const byFirst = new Map<string, SynonymRule[]>();
  const rules: SynonymRule[] = [];
  const gaps = rows
    .filter((r) => r.gap)
    .flatMap((r) => r.phrases.map((p) => normalizeTokens(p, vocabulary)))
    .filter((g) => g.length > 0);
  let size = 0;
  for (const row of rows) {
    if (row.gap) continue;
    const expansion = foldTokens(row.expansion);
    for (const p of row.phrases) {
      const phrase = normalizeTokens(p, vocabulary);
      const first = phrase[0];
      if (first === undefined || expansion.length === 0) continue;
      const rule: SynonymRule = { phrase, expansion, ...spelling(p, phrase) };
      const list = byFirst.get(first) ?? [];
      list.push(rule);
      rules.push(rule);
      byFirst.set(first, list);
      size++;
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  const byStart = new Map([...byFirst].map(([first, list]) => [first, startIndex(list)]));
  return {
    size,
    rules,
    find(tokens, typed) {
      const matches: SynonymMatch[] = [];
      // Where the phrases matched so far end: a phrase inside one of them is part of it, but one
      // that shares a whole word of two syllables with it and runs past it is read too ("làm căn
      // cước cho bé" holds "căn cước cho bé"; "tạm dừng kinh doanh" does not hold "dừng kinh doanh").
      let coveredTo = 0;
      for (let i = 0; i < tokens.length; i++) {
        const start = byStart.get(tokens[i] as string);
        if (!start || coveredTo - i === 1) continue;
        const rules = candidates(start, tokens, i + 1, gaps);
        let phraseLength = 0;
        let end = coveredTo;
        for (const rule of rules) {
          if (phraseLength && rule.phrase.length < phraseLength) break;
          const length = matchAt(tokens, i, rule.phrase, gaps);
          if (length > 0 && i + length > coveredTo && !spelledOtherwise(rule, typed)) {
            phraseLength = rule.phrase.length;
            end = Math.max(end, i + length);
            matches.push({ start: i, length, expansion: rule.expansion });
          }
        }
        coveredTo = end;
      }
      return matches;
    },
  };
}

/** The rules sharing a first word, by their second word (one-word rules apart), each in list order. */
interface StartIndex {
  order: Map<SynonymRule, number>;
  single: SynonymRule[];
  bySecond: Map<string, SynonymRule[]>;
}

function startIndex(list: readonly SynonymRule[]): StartIndex {
  const index: StartIndex = { order: new Map(), single: [], bySecond: new Map() };
  for (const [i, rule] of list.entries()) {
    index.order.set(rule, i);
    const second = rule.phrase[1];
    if (second === undefined) index.single.push(rule);
    else index.bySecond.set(second, [...(index.bySecond.get(second) ?? []), rule]);
  }
  return index;
}

/**
 * The rules that may match with their first word here, in list order: a rule's second word must
 * be the next token, or the token after a possessive that may sit there (`matchAt`). The others
 * cannot match, so leaving them out changes nothing but the time taken.
 */
function candidates(
  start: StartIndex,
  tokens: readonly string[],
  next: number,
  gaps: readonly (readonly string[])[],
): readonly SynonymRule[] {
  const lists = [start.single, start.bySecond.get(tokens[next] as string) ?? []];
  for (const gap of gaps)
    if (gap.every((w, j) => tokens[next + j] === w))
      lists.push(start.bySecond.get(tokens[next + gap.length] as string) ?? []);
  const found = lists.filter((l) => l.length > 0);
  if (found.length <= 1) return found[0] ?? [];
  const merged = [...new Set(found.flat())];
  return merged.sort((a, b) => (start.order.get(a) as number) - (start.order.get(b) as number));
}

/** The accent keys of a phrase's words, when the row writes it word for word as normalized. */
function spelling(text: string, phrase: readonly string[]): Pick<SynonymRule, "keys"> {
  const words = text.normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length !== phrase.length || !words.some(marked)) return {};
  return { keys: words.map((w) => (marked(w) ? accentKey(w) : undefined)) };
}

const marked = (word: string) => foldDiacritics(word) !== word;

/**
 * Whether a message typed with diacritics spells a word of the phrase with other ones: only
 * words both sides mark count, so a word typed bare, or written bare in the row, still matches.
 */
function spelledOtherwise(rule: SynonymRule, typed?: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (!typed || !rule.keys) return false;
  return rule.keys.some((key, k) => {
    const keys = key ? typed.get(rule.phrase[k] as string) : undefined;
    if (!key || !keys || keys.has(key)) return false;
    return [...keys].every(marked);
  });
}

/**
 * How many tokens a phrase takes at `at` (0: no match); one possessive may sit inside it ("hộ
 * chiếu của tôi sắp hết hạn" is "hộ chiếu sắp hết hạn").
 */
function matchAt(
  tokens: readonly string[],
  at: number,
  phrase: readonly string[],
  gaps: readonly (readonly string[])[],
): number {
  let t = at;
  let gapped = false;
  for (let k = 0; k < phrase.length; k++) {
    if (tokens[t] !== phrase[k]) {
      if (k === 0 || gapped) return 0;
      const gap = gaps.find(
        (g) => g.every((w, j) => tokens[t + j] === w) && tokens[t + g.length] === phrase[k],
      );
      if (!gap) return 0;
      t += gap.length;
      gapped = true;
    }
    t++;
  }
  return t - at;
}

/** Loads and compiles a synonym file (the bundled one by default). */
export function loadSynonyms(
  path = BUNDLED_SYNONYMS_FILE,
  vocabulary?: ReadonlySet<string>,
): SynonymDictionary {
  return compileSynonyms(parseSynonyms(readFileSync(path, "utf8")), vocabulary);
}
