import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { accentKey, normalizeTokens } from "../normalize.js";

/** The bundled, reviewed list of the phrases that mark an ask inside a message (assets/ask-cues.tsv). */
export const BUNDLED_ASK_CUES_FILE = fileURLToPath(new URL("../../assets/ask-cues.tsv", import.meta.url));

/** The kinds of cue the file holds (see its header for what each tells). */
const KIND_LIST = ["ask", "lead", "split", "not", "filler", "done", "plain", "purpose", "generic"] as const;

/** What a cue tells about the words after it. */
export type AskCueKind = (typeof KIND_LIST)[number];

/** Cue phrases as normalized token sequences, grouped by kind and looked up by their first token. */
export interface AskCues {
  /** Cues of one kind starting with `token`, longest first. */
  startingWith(kind: AskCueKind, token: string): readonly (readonly string[])[];
  /** How the cues of one kind starting with `token` spell that word (accent keys, e.g. "thì"). */
  spellings(kind: AskCueKind, token: string): ReadonlySet<string> | undefined;
}

const KINDS = new Set<string>(KIND_LIST);

/**
 * Parses the cue file ("kind<TAB>phrase", # comments) and normalizes each phrase like a message
 * (diacritics folded, chat spellings expanded), so data editors never write code.
 */
export function parseAskCues(content: string): AskCues {
  const byKind = new Map<AskCueKind, Map<string, string[][]>>();
  const spelled = new Map<string, Set<string>>();
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const [kind, phrase] = line.split("\t").map((s) => s.trim());
    if (!kind || !phrase || !KINDS.has(kind as AskCueKind)) continue;
    const tokens = normalizeTokens(phrase);
    const first = tokens[0];
    if (first === undefined) continue;
    const byFirst = byKind.get(kind as AskCueKind) ?? new Map<string, string[][]>();
    byKind.set(kind as AskCueKind, byFirst);
    const list = byFirst.get(first) ?? [];
    list.push(tokens);
    byFirst.set(first, list);
    const word = phrase.split(/\s+/)[0] as string;
    const key = accentKey(word);
    if (normalizeTokens(word)[0] === first && key !== first) {
      const keys = spelled.get(`${kind} ${first}`) ?? new Set<string>();
      keys.add(key);
      spelled.set(`${kind} ${first}`, keys);
    }
  }
  for (const byFirst of byKind.values())
    for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return {
    startingWith: (kind, token) => byKind.get(kind)?.get(token) ?? [],
    spellings: (kind, token) => spelled.get(`${kind} ${token}`),
  };
}

let bundled: AskCues | undefined;

/** The bundled cues, read once. */
export function bundledAskCues(): AskCues {
  bundled ??= parseAskCues(readFileSync(BUNDLED_ASK_CUES_FILE, "utf8"));
  return bundled;
}

/** Length of the longest cue of `kind` that starts at token `i`, 0 when none does. */
export function cueAt(cues: AskCues, kind: AskCueKind, tokens: readonly string[], i: number): number {
  const first = tokens[i];
  if (first === undefined) return 0;
  outer: for (const phrase of cues.startingWith(kind, first)) {
    if (i + phrase.length > tokens.length) continue;
    for (let k = 1; k < phrase.length; k++) if (tokens[i + k] !== phrase[k]) continue outer;
    return phrase.length;
  }
  return 0;
}

/** Per token: whether a cue of `kind` covers it (a cue starting at or before it runs over it). */
export function cueCover(cues: AskCues, kind: AskCueKind, tokens: readonly string[]): boolean[] {
  const covered = tokens.map(() => false);
  for (let i = 0; i < tokens.length; i++) {
    const length = cueAt(cues, kind, tokens, i);
    if (length > 0) covered.fill(true, i, i + length);
  }
  return covered;
}
