import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { foldTokens, normalizeTokens } from "./normalize.js";
import { containsPhrase } from "./search/variants.js";

/** The bundled situation cues (assets/situation-cues.tsv). */
export const BUNDLED_SITUATION_CUES_FILE = fileURLToPath(
  new URL("../assets/situation-cues.tsv", import.meta.url),
);

/** One row of the situation cue file. */
export interface SituationRow {
  situation: string;
  kind: "says" | "names" | "marks";
  phrase: string;
}

/** An age condition ("@age<14", "@age>=14"). */
interface AgeCue {
  below?: number;
  atLeast?: number;
}

/** A compiled situation: what a message says to be in it and what a procedure name says. */
export interface Situation {
  id: string;
  says: string[][];
  ages: AgeCue[];
  names: string[][];
  /** Name phrases of an exceptional case (a clarify drops them when nobody mentioned it). */
  marks: string[][];
}

/** Compiled situations in file order (earlier ones claim their words first). */
export interface SituationCues {
  situations: Situation[];
}

/** Parses the situation cue file ("situation<TAB>kind<TAB>phrase", # comments). */
export function parseSituationCues(content: string): SituationRow[] {
  const rows: SituationRow[] = [];
  for (const raw of content.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [situation, kind, phrase] = line.split("\t").map((c) => c.trim());
    if (!situation || !phrase || (kind !== "says" && kind !== "names" && kind !== "marks"))
      throw new Error(`situation cues: bad line "${line}"`);
    rows.push({ situation, kind, phrase });
  }
  return rows;
}

const AGE_CUE = /^@age(<|>=)(\d+)$/;

/** Compiles situation rows: message phrases read like messages, name phrases folded like names. */
export function compileSituationCues(rows: readonly SituationRow[]): SituationCues {
  const byId = new Map<string, Situation>();
  for (const row of rows) {
    let s = byId.get(row.situation);
    if (!s) {
      s = { id: row.situation, says: [], ages: [], names: [], marks: [] };
      byId.set(row.situation, s);
    }
    const age = AGE_CUE.exec(row.phrase);
    if (row.kind === "says" && age) {
      const n = Number(age[2]);
      s.ages.push(age[1] === "<" ? { below: n } : { atLeast: n });
    } else if (row.kind === "says") s.says.push(normalizeTokens(row.phrase));
    else {
      const tokens = foldTokens(row.phrase);
      s.names.push(tokens);
      if (row.kind === "marks") s.marks.push(tokens);
    }
  }
  return { situations: [...byId.values()] };
}

let bundled: SituationCues | undefined;

/** The bundled situation cues, compiled once. */
export function bundledSituationCues(): SituationCues {
  bundled ??= compileSituationCues(parseSituationCues(readFileSync(BUNDLED_SITUATION_CUES_FILE, "utf8")));
  return bundled;
}

/** An age stated in a message, in years, with the tokens that state it. */
export interface StatedAge {
  years: number;
  start: number;
  end: number;
}

/** Ages stated in a message ("10 tuổi", "14t"; "18 tháng tuổi" counts as 2 years). */
export function statedAges(tokens: readonly string[]): StatedAge[] {
  const ages: StatedAge[] = [];
  tokens.forEach((t, i) => {
    const short = /^(\d{1,3})t$/.exec(t);
    if (short) ages.push({ years: Number(short[1]), start: i, end: i + 1 });
    if (!/^\d{1,3}$/.test(t)) return;
    const n = Number(t);
    if (tokens[i + 1] === "tuoi") ages.push({ years: n, start: i, end: i + 2 });
    else if (tokens[i + 1] === "thang" && tokens[i + 2] === "tuoi")
      ages.push({ years: Math.ceil(n / 12), start: i, end: i + 3 });
  });
  return ages;
}

/**
 * The situations a message puts the conversation in, from its (normalized) tokens: each cue
 * claims its words, so a word read for an earlier situation ("làm mất") is not read again.
 */
export function situationsOfMessage(cues: SituationCues, tokens: readonly string[]): Set<string> {
  return readSituations(cues, tokens).found;
}

/** The situations of a message and, per token, whether a situation cue claimed it. */
export function readSituations(
  cues: SituationCues,
  tokens: readonly string[],
): { found: Set<string>; claimed: boolean[] } {
  const found = new Set<string>();
  const claimed = new Array<boolean>(tokens.length).fill(false);
  const ages = statedAges(tokens);
  for (const s of cues.situations) {
    for (const age of ages) {
      const a = age.years;
      if (!s.ages.some((c) => (c.below === undefined || a < c.below) && a >= (c.atLeast ?? 0))) continue;
      found.add(s.id);
      for (let k = age.start; k < age.end; k++) claimed[k] = true;
    }
    for (const phrase of s.says) {
      for (let i = 0; i + phrase.length <= tokens.length; i++) {
        let match = true;
        for (let k = 0; k < phrase.length && match; k++)
          match = tokens[i + k] === phrase[k] && !claimed[i + k];
        if (!match) continue;
        found.add(s.id);
        for (let k = 0; k < phrase.length; k++) claimed[i + k] = true;
      }
    }
  }
  return { found, claimed };
}

/** The situations a procedure name is made for (it carries one of their name phrases). */
export function situationsOfName(cues: SituationCues, nameTokens: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const s of cues.situations) if (s.names.some((p) => containsPhrase(nameTokens, p))) found.add(s.id);
  return found;
}

/** The exceptional situations a procedure name is marked for ("trình báo mất", "yếu tố nước ngoài"). */
export function markedSituationsOfName(cues: SituationCues, nameTokens: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const s of cues.situations) if (s.marks.some((p) => containsPhrase(nameTokens, p))) found.add(s.id);
  return found;
}
