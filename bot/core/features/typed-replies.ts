import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { normalizeText } from "../../../knowledge/normalize.js";

/** The bundled, reviewed list of typed replies (assets/typed-replies.tsv). */
export const BUNDLED_TYPED_REPLIES_FILE = fileURLToPath(
  new URL("../../../assets/typed-replies.tsv", import.meta.url),
);

/** What a short typed reply can mean (see the file's header). */
export const TYPED_MEANINGS = [
  "yes",
  "no",
  "skip",
  "done",
  "confirm",
  "edit",
  "cancel",
  "file",
  "phan_anh",
  "kien_nghi",
  "complaint",
  "unclear",
] as const;

/** One meaning of a typed reply. */
export type TypedMeaning = (typeof TYPED_MEANINGS)[number];

/** The typed replies, folded: each phrase's meanings, the polite words, the words before a number. */
export interface TypedReplies {
  meanings: ReadonlyMap<string, ReadonlySet<TypedMeaning>>;
  /** The phrase suggested for each meaning when a question is asked again (the row's first phrase). */
  suggestion: ReadonlyMap<TypedMeaning, string>;
  fillers: ReadonlySet<string>;
  numberWords: ReadonlySet<string>;
}

/** Folds a reply or a phrase the same way: chat spellings repaired, no diacritics, no punctuation. */
export const foldReply = (text: string): string => normalizeText(text);

const isMeaning = (kind: string): kind is TypedMeaning =>
  (TYPED_MEANINGS as readonly string[]).includes(kind);

/** Reads the typed-replies file's text; an unknown meaning is an error (a typo would silently drop a row). */
export function parseTypedReplies(source: string): TypedReplies {
  const meanings = new Map<string, Set<TypedMeaning>>();
  const suggestion = new Map<TypedMeaning, string>();
  const fillers = new Set<string>();
  const numberWords = new Set<string>();
  source.split("\n").forEach((line, i) => {
    if (!line.trim() || line.startsWith("#")) return;
    const [kind = "", phrases = ""] = line.split("\t");
    const written = phrases
      .split("|")
      .map((p) => p.trim())
      .filter(Boolean);
    const folded = written.map(foldReply).filter(Boolean);
    if (kind === "filler") for (const f of folded) fillers.add(f);
    else if (kind === "number") for (const f of folded) numberWords.add(f);
    else if (isMeaning(kind)) {
      if (!suggestion.has(kind) && written[0]) suggestion.set(kind, written[0]);
      for (const f of folded) {
        const set = meanings.get(f) ?? new Set<TypedMeaning>();
        set.add(kind);
        meanings.set(f, set);
      }
    } else throw new Error(`typed replies line ${i + 1}: unknown meaning "${kind}"`);
  });
  return { meanings, suggestion, fillers, numberWords };
}

let bundled: TypedReplies | undefined;

/** The bundled typed replies, read once. */
export function bundledTypedReplies(): TypedReplies {
  bundled ??= parseTypedReplies(readFileSync(BUNDLED_TYPED_REPLIES_FILE, "utf8"));
  return bundled;
}

/** The reply's words without the polite words at either end ("dạ có ạ" → "co"); the reply itself when nothing else is left. */
function withoutFillers(words: string[], fillers: ReadonlySet<string>): string[] {
  let start = 0;
  let end = words.length;
  // Fillers of two words ("bạn nhé") are dropped one word at a time as well.
  while (start < end && fillers.has(words[start] ?? "")) start++;
  while (end > start && fillers.has(words[end - 1] ?? "")) end--;
  return start < end ? words.slice(start, end) : words;
}

/**
 * The forms of a reply worth looking up: whole, without fillers, and (unless `wholeOnly`) their
 * first part before a comma ("có, gửi giúp tôi").
 */
function candidates(text: string, replies: TypedReplies, wholeOnly = false): string[] {
  const first = text.split(/[,;.!?\n]/)[0] ?? "";
  const out: string[] = [];
  for (const part of wholeOnly ? [text] : [text, first]) {
    const folded = foldReply(part);
    if (!folded) continue;
    out.push(folded, withoutFillers(folded.split(" "), replies.fillers).join(" "));
  }
  return [...new Set(out)];
}

/**
 * What a typed reply means (empty when it is not one of the known replies); `wholeOnly` ignores a
 * reply that only starts with one ("thôi, …" is then not a "thôi").
 */
export function typedMeanings(
  text: string,
  options: { wholeOnly?: boolean; replies?: TypedReplies } = {},
): Set<TypedMeaning> {
  const replies = options.replies ?? bundledTypedReplies();
  for (const form of candidates(text, replies, options.wholeOnly)) {
    const found = replies.meanings.get(form);
    if (found) return new Set(found);
  }
  return new Set();
}

/** The option number a typed reply is ("2", "số 2", "chọn 1 ạ"), if it is nothing else. */
export function typedOptionNumber(text: string, replies = bundledTypedReplies()): number | undefined {
  for (const form of candidates(text, replies, true)) {
    const words = form.split(" ");
    const last = words.at(-1) ?? "";
    if (!/^\d{1,2}$/.test(last)) continue;
    const before = words.slice(0, -1).join(" ");
    if (!before || replies.numberWords.has(before)) return Number(last);
  }
  return undefined;
}
