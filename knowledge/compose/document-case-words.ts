import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { foldDiacritics } from "../normalize.js";
import { type Token, tokenize } from "./label-phrases.js";

/** The bundled, reviewed wording that splits a dossier into cases (assets/document-cases.tsv). */
export const BUNDLED_DOCUMENT_CASES_FILE = fileURLToPath(
  new URL("../../assets/document-cases.tsv", import.meta.url),
);

const KINDS = ["opener", "inline", "stop", "exceptional", "note-heading", "common-label"] as const;
type Kind = (typeof KINDS)[number];

/** The compiled wording: phrases as folded word lists, longest first, per kind. */
export interface DocumentCaseWords {
  opener: string[][];
  inline: string[][];
  stop: string[][];
  exceptional: string[][];
  noteHeading: string[][];
  /** The label of the button that brings back the common case. */
  commonLabel: string;
}

/** Folds one word for matching: lower case, no diacritics, no surrounding punctuation. */
export const foldWord = (token: Token): string =>
  foldDiacritics(token.key).replace(/^[/\-–—+&]+|[/\-–—+&]+$/gu, "");

/** Folds a phrase into its matching keys. */
export const foldPhrase = (text: string): string[] => tokenize(text).map(foldWord).filter(Boolean);

/** Parses the TSV text; unknown kinds and blank or comment lines are skipped. */
export function parseDocumentCaseWords(text: string): DocumentCaseWords {
  const byKind = new Map<Kind, string[]>();
  for (const line of text.split(/\r?\n/u)) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [kind, phrase] = line.split("\t").map((s) => s.trim());
    if (!kind || !phrase || !(KINDS as readonly string[]).includes(kind)) continue;
    byKind.set(kind as Kind, [...(byKind.get(kind as Kind) ?? []), phrase]);
  }
  const phrases = (kind: Kind) =>
    (byKind.get(kind) ?? []).map(foldPhrase).sort((a, b) => b.length - a.length);
  return {
    opener: phrases("opener"),
    inline: phrases("inline"),
    stop: phrases("stop"),
    exceptional: phrases("exceptional"),
    noteHeading: phrases("note-heading"),
    commonLabel: byKind.get("common-label")?.[0] ?? "Trường hợp thông thường",
  };
}

let bundled: DocumentCaseWords | undefined;

/** The bundled wording, read and compiled once. */
export function bundledDocumentCaseWords(): DocumentCaseWords {
  bundled ??= parseDocumentCaseWords(readFileSync(BUNDLED_DOCUMENT_CASES_FILE, "utf8"));
  return bundled;
}

/** True when `phrase` occurs in `keys` at position `at`. */
export const phraseAt = (keys: readonly string[], at: number, phrase: readonly string[]): boolean =>
  phrase.length > 0 && phrase.every((w, k) => keys[at + k] === w);

/** The first phrase of the list that starts at `at`, or undefined. */
export const matchAt = (keys: readonly string[], at: number, phrases: readonly string[][]) =>
  phrases.find((p) => phraseAt(keys, at, p));

/** The first position where any of the phrases occurs, with the phrase; null when none does. */
export function findPhrase(
  keys: readonly string[],
  phrases: readonly string[][],
  from = 0,
): { at: number; phrase: string[] } | null {
  for (let at = from; at < keys.length; at++) {
    const phrase = matchAt(keys, at, phrases);
    if (phrase) return { at, phrase };
  }
  return null;
}
