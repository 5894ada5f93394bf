import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { normalizeTokens } from "./normalize.js";
import type { AskSpan } from "./search/ask-finder.js";
import { containsPhrase } from "./search/variants.js";

/** The bundled, editable list of questions handled by another body (assets/elsewhere.tsv). */
export const BUNDLED_ELSEWHERE_FILE = fileURLToPath(new URL("../assets/elsewhere.tsv", import.meta.url));

/**
 * One row of the list: what citizens type, what makes it a procedure after all, and where to go.
 * A phrase "a + b" matches when both parts occur anywhere in the message ("tuổi + trợ cấp").
 */
export interface ElsewhereRow {
  phrases: string[];
  unless: string[];
  pointer: string;
}

/** Finds, in a normalized message, a topic the province's procedures do not cover. */
export interface ElsewhereTopics {
  readonly size: number;
  /**
   * The citizen-facing pointer for the first matching topic, if any; with `within`, the topic must
   * be named inside those spans of the message (its asks), while "unless" phrases count anywhere.
   */
  match(tokens: readonly string[], within?: readonly AskSpan[]): string | undefined;
}

const splitPhrases = (cell: string | undefined) =>
  (cell ?? "")
    .split("|")
    .map((p) => p.trim())
    .filter(Boolean);

/** Parses the TSV list ("phrases<TAB>unless phrases<TAB>pointer", # comments), skipping broken rows. */
export function parseElsewhere(content: string): ElsewhereRow[] {
  const rows: ElsewhereRow[] = [];
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const [left, unless, pointer] = line.split("\t");
    const phrases = splitPhrases(left);
    if (phrases.length === 0 || !pointer?.trim()) continue;
    rows.push({ phrases, unless: splitPhrases(unless), pointer: pointer.trim() });
  }
  return rows;
}

/** Compiles rows with the same normalization as queries, so plain and accented spellings match. */
export function compileElsewhere(
  rows: readonly ElsewhereRow[],
  vocabulary?: ReadonlySet<string>,
): ElsewhereTopics {
  const compiled = rows.map((row) => ({
    phrases: row.phrases.map((p) => compilePhrase(p, vocabulary)).filter((p) => p.length > 0),
    unless: row.unless.map((p) => compilePhrase(p, vocabulary)).filter((p) => p.length > 0),
    pointer: row.pointer,
  }));
  // A part whose first word the message lacks cannot match: most rows are ruled out by a lookup.
  const found = (tokens: readonly string[], words: ReadonlySet<string>, parts: string[][]) =>
    parts.every((part) => words.has(part[0] as string) && containsPhrase(tokens, part));
  return {
    size: compiled.length,
    match(tokens, within) {
      const words = new Set(tokens);
      // Spans are joined with a token no phrase contains, so no phrase runs across two asks.
      const named = within ? within.flatMap((s) => [...tokens.slice(s.start, s.end), "|"]) : tokens;
      const namedWords = within ? new Set(named) : words;
      for (const row of compiled) {
        if (!row.phrases.some((p) => found(named, namedWords, p))) continue;
        if (row.unless.some((p) => found(tokens, words, p))) continue;
        return row.pointer;
      }
      return undefined;
    },
  };
}

/** The normalized parts of a phrase ("a + b": both must occur); empty when a part is empty. */
function compilePhrase(phrase: string, vocabulary?: ReadonlySet<string>): string[][] {
  const parts = phrase.split("+").map((part) => normalizeTokens(part, vocabulary));
  return parts.some((part) => part.length === 0) ? [] : parts;
}

/** Loads a list file (default: the bundled one). */
export function loadElsewhere(
  file = BUNDLED_ELSEWHERE_FILE,
  vocabulary?: ReadonlySet<string>,
): ElsewhereTopics {
  return compileElsewhere(parseElsewhere(readFileSync(file, "utf8")), vocabulary);
}
