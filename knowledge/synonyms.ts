import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { foldTokens, normalizeTokens } from "./normalize.js";

/** The bundled, editable dictionary of everyday words and abbreviations (assets/synonyms.tsv). */
export const BUNDLED_SYNONYMS_FILE = fileURLToPath(new URL("../assets/synonyms.tsv", import.meta.url));

/** One dictionary rule: a phrase citizens type and the official words it stands for. */
export interface SynonymRule {
  phrase: string[];
  expansion: string[];
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
  /** All non-overlapping matches, longest phrase first at each position. */
  find(tokens: readonly string[]): SynonymMatch[];
}

/**
 * Parses the TSV dictionary text ("phrase | phrase<TAB>official words", # comments), so the
 * vocabulary can be edited by non-programmers without touching code.
 */
export function parseSynonyms(content: string): Array<{ phrases: string[]; expansion: string }> {
  const rows: Array<{ phrases: string[]; expansion: string }> = [];
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const [left, right] = line.split("\t");
    if (!left || !right?.trim()) continue;
    const phrases = left
      .split("|")
      .map((p) => p.trim())
      .filter(Boolean);
    rows.push({ phrases, expansion: right.trim() });
  }
  return rows;
}

/**
 * Compiles dictionary rows into a matcher; phrases are normalized exactly like queries (with the
 * same vocabulary) so accented, plain and chat spellings of a phrase all match.
 */
export function compileSynonyms(
  rows: Array<{ phrases: string[]; expansion: string }>,
  vocabulary?: ReadonlySet<string>,
): SynonymDictionary {
  const byFirst = new Map<string, SynonymRule[]>();
  const rules: SynonymRule[] = [];
  let size = 0;
  for (const row of rows) {
    const expansion = foldTokens(row.expansion);
    for (const p of row.phrases) {
      const phrase = normalizeTokens(p, vocabulary);
      const first = phrase[0];
      if (first === undefined || expansion.length === 0) continue;
      const list = byFirst.get(first) ?? [];
      list.push({ phrase, expansion });
      rules.push({ phrase, expansion });
      byFirst.set(first, list);
      size++;
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  return {
    size,
    rules,
    find(tokens) {
      const matches: SynonymMatch[] = [];
      let i = 0;
      while (i < tokens.length) {
        const rules = byFirst.get(tokens[i] as string);
        let matchedLength = 0;
        if (rules) {
          for (const rule of rules) {
            if (matchedLength && rule.phrase.length < matchedLength) break;
            if (startsWith(tokens, i, rule.phrase)) {
              matchedLength = rule.phrase.length;
              matches.push({ start: i, length: matchedLength, expansion: rule.expansion });
            }
          }
        }
        i += matchedLength || 1;
      }
      return matches;
    },
  };
}

function startsWith(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > tokens.length) return false;
  for (let k = 0; k < phrase.length; k++) if (tokens[at + k] !== phrase[k]) return false;
  return true;
}

/** Loads and compiles a synonym file (the bundled one by default). */
export function loadSynonyms(
  path = BUNDLED_SYNONYMS_FILE,
  vocabulary?: ReadonlySet<string>,
): SynonymDictionary {
  return compileSynonyms(parseSynonyms(readFileSync(path, "utf8")), vocabulary);
}
