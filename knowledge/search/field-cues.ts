import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { foldDiacritics, normalizeTokens } from "../normalize.js";
import { FIELDS, type Field } from "../procedure.js";

/** The bundled, reviewed list of the phrases that say which part of a procedure is asked. */
export const BUNDLED_FIELD_CUES_FILE = fileURLToPath(new URL("../../assets/field-cues.tsv", import.meta.url));

/** What a cue says: a field it asks, a can-it question ("được không") or a vague "how". */
export type FieldCueKind = Field | "can" | "how" | "topic";

/** One cue: its token pattern and the words that, right before or after it, cancel it. */
export interface FieldCue {
  kind: FieldCueKind;
  /** Normalized tokens; "#" a number, "#x" a number glued to x, "…" a gap of one to GAP_MAX words. */
  tokens: readonly string[];
  notAfter: readonly (readonly string[])[];
  notBefore: readonly (readonly string[])[];
}

/** Field cues in file order (the first listed phrase that matches at a word is taken). */
export type FieldCues = readonly FieldCue[];

/** Longest gap "…" stands for, in words (the file's documented meaning of the symbol). */
const GAP_MAX = 8;
const KINDS = new Set<string>([...FIELDS, "can", "how", "topic"]);

/** Normalizes a phrase like a message, keeping its own words (no repair of "internet", "vneid"). */
function phraseTokens(phrase: string): string[] {
  const out: string[] = [];
  for (const word of phrase.split(/\s+/).filter(Boolean)) {
    if (word.includes("#") || word === "…") out.push(foldDiacritics(word.toLowerCase()));
    else out.push(...normalizeTokens(word, new Set([foldDiacritics(word.toLowerCase())])));
  }
  return out;
}

/**
 * Parses the cue file ("kind<TAB>phrase<TAB>not after<TAB>not before", # comments, "set" rows
 * naming word lists) and normalizes every phrase like a message, so data editors never write code.
 */
export function parseFieldCues(content: string): FieldCues {
  const rows = content
    .split(/\r?\n/)
    .filter((line) => line.trim() && !line.trimStart().startsWith("#"))
    .map((line) => line.split("\t").map((s) => s.trim()));
  const sets = new Map<string, string[]>();
  for (const [kind, name, words] of rows)
    if (kind === "set" && name && words)
      sets.set(
        name,
        words.split(",").map((w) => w.trim()),
      );
  const list = (cell: string | undefined): string[][] =>
    (cell ?? "")
      .split(",")
      .map((w) => w.trim())
      .flatMap((w) => (w.startsWith("@") ? (sets.get(w) ?? []) : [w]))
      .filter(Boolean)
      .map(phraseTokens);
  const cues: FieldCue[] = [];
  for (const [kind, phrase, notAfter, notBefore] of rows) {
    if (!kind || !phrase || !KINDS.has(kind)) continue;
    const tokens = phraseTokens(phrase);
    if (tokens.length > 0)
      cues.push({ kind: kind as FieldCueKind, tokens, notAfter: list(notAfter), notBefore: list(notBefore) });
  }
  return cues;
}

let bundled: FieldCues | undefined;

/** The bundled cues, read once. */
export function bundledFieldCues(): FieldCues {
  bundled ??= parseFieldCues(readFileSync(BUNDLED_FIELD_CUES_FILE, "utf8"));
  return bundled;
}

/** A cue found in a message: its kind and the tokens it covers (end exclusive). */
export interface FieldCueMatch {
  kind: FieldCueKind;
  start: number;
  end: number;
  /** For a cue with a gap ("có … được không"): the message's own words inside it (end exclusive). */
  gap?: { start: number; end: number };
}

/**
 * Finds the cues of the given kinds from left to right, at each word the first listed one that
 * matches, not overlapping each other; a cue with a gap ("có … được không") is looked for on its
 * own and may overlap the others.
 */
export function findFieldCues(
  cues: FieldCues,
  kinds: ReadonlySet<FieldCueKind>,
  tokens: readonly string[],
  blocked?: readonly boolean[],
): FieldCueMatch[] {
  const { plain, gaps } = compiled(cues, kinds);
  const out = scan(plain, tokens, blocked);
  for (const gap of gaps) out.push(...scan(gap, tokens, blocked));
  return out;
}

/** Cues looked up by their first word (numbers under "#"), each list in file order. */
type CueTable = ReadonlyMap<string, readonly FieldCue[]>;

const compiledCache = new WeakMap<FieldCues, Map<string, { plain: CueTable; gaps: CueTable[] }>>();

/** The cues of some kinds indexed for scanning, built once per cue list and set of kinds. */
function compiled(cues: FieldCues, kinds: ReadonlySet<FieldCueKind>): { plain: CueTable; gaps: CueTable[] } {
  const byKinds = compiledCache.get(cues) ?? new Map<string, { plain: CueTable; gaps: CueTable[] }>();
  compiledCache.set(cues, byKinds);
  const key = [...kinds].sort().join();
  let entry = byKinds.get(key);
  if (!entry) {
    const mine = cues.filter((c) => kinds.has(c.kind));
    entry = {
      plain: table(mine.filter((c) => !c.tokens.includes("…"))),
      gaps: mine.filter((c) => c.tokens.includes("…")).map((c) => table([c])),
    };
    byKinds.set(key, entry);
  }
  return entry;
}

function table(list: readonly FieldCue[]): CueTable {
  const out = new Map<string, FieldCue[]>();
  for (const cue of list) {
    const first = (cue.tokens[0] as string).startsWith("#") ? "#" : (cue.tokens[0] as string);
    out.set(first, [...(out.get(first) ?? []), cue]);
  }
  return out;
}

function scan(table: CueTable, tokens: readonly string[], blocked?: readonly boolean[]): FieldCueMatch[] {
  const out: FieldCueMatch[] = [];
  const numbers = table.get("#");
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const list = /^\d/.test(token) ? numbers : table.get(token);
    if (!list) continue;
    for (const cue of list) {
      const end = matchCue(cue, tokens, i);
      if (end <= i || blocked?.slice(i, end).includes(true)) continue;
      const k = cue.tokens.indexOf("…");
      out.push(
        k < 0
          ? { kind: cue.kind, start: i, end }
          : { kind: cue.kind, start: i, end, gap: { start: i + k, end: end - (cue.tokens.length - k - 1) } },
      );
      i = end - 1;
      break;
    }
  }
  return out;
}

/** End of `cue` matched at token `i` (the longest gap first), -1 when it does not match there. */
function matchCue(cue: FieldCue, tokens: readonly string[], i: number): number {
  if (cue.notAfter.some((p) => endsAt(p, tokens, i))) return -1;
  const at = (k: number, pos: number): number => {
    if (k === cue.tokens.length) return cue.notBefore.some((p) => startsAt(p, tokens, pos)) ? -1 : pos;
    const want = cue.tokens[k] as string;
    if (want === "…") {
      for (let gap = GAP_MAX; gap >= 1; gap--) {
        if (pos + gap > tokens.length) continue;
        const end = at(k + 1, pos + gap);
        if (end >= 0) return end;
      }
      return -1;
    }
    const token = tokens[pos];
    return token !== undefined && tokenMatches(want, token) ? at(k + 1, pos + 1) : -1;
  };
  return at(0, i);
}

function tokenMatches(want: string, token: string): boolean {
  if (!want.startsWith("#")) return want === token;
  const m = /^(\d+)(.*)$/.exec(token);
  return m !== null && m[2] === want.slice(1);
}

function startsAt(phrase: readonly string[], tokens: readonly string[], i: number): boolean {
  return phrase.length > 0 && phrase.every((t, k) => tokens[i + k] === t);
}

function endsAt(phrase: readonly string[], tokens: readonly string[], i: number): boolean {
  return i - phrase.length >= 0 && startsAt(phrase, tokens, i - phrase.length);
}
