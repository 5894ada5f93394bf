import { accentedTerms, normalizeTokens, prepareText } from "../normalize.js";
import { type AskCueKind, type AskCues, cueAt, cueCover } from "./ask-cues.js";

/** A run of a message's tokens that reads as one clause. */
export interface Clause {
  /** First token (inclusive) and end (exclusive) in the message's normalized tokens. */
  start: number;
  end: number;
  /** True when the clause starts a sentence (after . ! ? ; a line break or a discourse cue). */
  sentenceStart: boolean;
  /** True when the clause ends with a question mark. */
  questionMark: boolean;
}

/** What splitting needs: the cue phrases and the index vocabulary normalization uses. */
export interface ClauseDeps {
  cues: AskCues;
  vocabulary?: ReadonlySet<string>;
}

/** The message's normalized tokens (the same as normalizeTokens gives) cut into clauses. */
export interface SplitMessage {
  tokens: string[];
  clauses: Clause[];
}

/** Sentence ends (a dot not inside a number), commas (not inside a number), dashes, brackets. */
const BREAK = /([.!?;…\n]+(?!\d)|,(?!\d)|[:(){}[\]–—]|\s-\s)/u;

/**
 * Cuts a message into clauses the way a reader does: at punctuation and line breaks, and, since
 * many citizens type without punctuation, before discourse cues ("cho em hỏi", "bây giờ",
 * "nhưng", "… thì …"); works on folded tokens, so diacritics and chat spellings do not matter.
 */
export function splitClauses(deps: ClauseDeps, text: string): SplitMessage {
  const prepared = prepareText(text);
  // Typed with diacritics, "mã", "thị" or "má" is not the "mà" or "thì" a clause is cut at.
  const typed = accentedTerms(text);
  const parts = prepared.split(BREAK);
  const tokens: string[] = [];
  const clauses: Clause[] = [];
  let sentenceStart = true;
  for (let p = 0; p < parts.length; p += 2) {
    const segment = normalizeTokens(parts[p] as string, deps.vocabulary);
    const sep = parts[p + 1] ?? "";
    const offset = tokens.length;
    tokens.push(...segment);
    let start = 0;
    let startsSentence = sentenceStart;
    // A cue that opens the segment ("như vậy …") is not cut inside ("như" | "vậy …").
    const opening = Math.max(cueAt(deps.cues, "lead", segment, 0), cueAt(deps.cues, "split", segment, 0));
    const plain = cueCover(deps.cues, "plain", segment);
    for (let i = Math.max(1, opening); i < segment.length; i++) {
      // Folded, "mã số" reads like "mà số" and "thị thực" like "thì thực": a "plain" phrase is no cut.
      if (plain[i]) continue;
      const lead = spelledAsCue(deps.cues, "lead", segment[i], typed)
        ? cueAt(deps.cues, "lead", segment, i)
        : 0;
      const split =
        lead || !spelledAsCue(deps.cues, "split", segment[i], typed)
          ? 0
          : cueAt(deps.cues, "split", segment, i);
      if (!lead && !split) continue;
      clauses.push({
        start: offset + start,
        end: offset + i,
        sentenceStart: startsSentence,
        questionMark: false,
      });
      start = i;
      startsSentence = lead > 0;
      i += Math.max(lead, split) - 1;
    }
    if (segment.length > 0) {
      clauses.push({
        start: offset + start,
        end: offset + segment.length,
        sentenceStart: startsSentence,
        questionMark: sep.includes("?"),
      });
      sentenceStart = /[.!?;…\n]/u.test(sep);
    } else if (/[.!?;…\n]/u.test(sep)) sentenceStart = true;
  }
  return { tokens, clauses };
}

/**
 * Whether a message typed with diacritics spells this word the way the cues of `kind` do ("thì",
 * not "thị" or "thi"); a message typed without them could mean either, so it counts.
 */
function spelledAsCue(
  cues: AskCues,
  kind: AskCueKind,
  token: string | undefined,
  typed: Map<string, Set<string>> | undefined,
): boolean {
  if (token === undefined || !typed) return true;
  const spellings = cues.spellings(kind, token);
  const written = typed.get(token);
  if (!spellings || !written) return true;
  return [...written].some((key) => spellings.has(key));
}
