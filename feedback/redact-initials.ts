import { foldLower } from "../knowledge/normalize.js";
import { isSyllable } from "./redact-names.js";
import { replaceFolded } from "./redact-sender.js";
import { redactionWords } from "./redact-words.js";

/**
 * Names written with initials. The sender's own: all initials ("N.V.A", "NVA"), initials with
 * some words ("Nguyễn V. An", "N. V. An"), and a title with the initial of their given name
 * ("chị H."). Anyone's: initials glued to a given name ("T.V.Hùng", "anh T.Hùng"), which still
 * shows the name. Initials alone of someone else ("ông C", "bà T.T.H") are the writer's own
 * anonymisation and stay, as do abbreviations of places ("P. Bắc Hà", "TP. Hà Tĩnh").
 */

const lower = (s: string) => s.normalize("NFC").toLowerCase();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const HONORIFICS = redactionWords("honorific");
const HONORIFIC_SET = new Set(HONORIFICS.map(lower));
/** Titles in either case of their first letter ("[cC]hị"), longest first. */
const HONORIFIC_SOURCE = [...HONORIFICS]
  .sort((a, b) => b.length - a.length)
  .map((w) => `[${w[0]}${w[0]?.toUpperCase()}]${escapeRe(w.slice(1))}`)
  .join("|");

/** Initials glued to a capitalised word, after a title or at least two of them. */
const GLUED = new RegExp(
  String.raw`(?<![\p{L}\p{N}.])((?:${HONORIFIC_SOURCE})[ \t]+)?((?:\p{Lu}\.[ \t]?)*\p{Lu}\.)(\p{Lu}[\p{Ll}\p{M}]+)(?![\p{L}\p{M}\p{N}])`,
  "gu",
);

/** Replaces initials glued to a given name ("T.V.Hùng", "anh T.Hùng") with `by`, keeping the title. */
export function redactGluedInitials(text: string, by: string): string {
  if (!/\p{Lu}\.\p{Lu}\p{Ll}/u.test(text)) return text;
  return text.replace(GLUED, (m, title: string | undefined, initials: string, word: string) => {
    const count = initials.replace(/[^\p{Lu}]/gu, "").length;
    if ((count < 2 && !title) || !isSyllable(word)) return m;
    return `${title ?? ""}${by}`;
  });
}

/** Whether a word found folded is the name's word: written plain, or with the name's diacritics. */
const sameWord = (original: string, nameWord: string) =>
  foldLower(original) === lower(original) || lower(original) === lower(nameWord);

/**
 * Replaces the sender's name written with initials with `by`: "N.V.A", "NVA", "Nguyễn V. An",
 * "N. V. An", and a title before their given name's initial ("chị H.", the dot kept).
 */
export function redactSenderInitials(text: string, name: string | null | undefined, by: string): string {
  const words = (name ?? "").normalize("NFC").split(/\s+/).filter(Boolean);
  if (words.length === 0) return text;
  const folded = words.map(foldLower);
  let out = text;
  if (words.length >= 2) {
    const parts = folded.map((w, i) => {
      const initial = `${escapeRe(w[0] as string)}${i < folded.length - 1 ? "\\.?" : ""}`;
      return `(?:${escapeRe(w)}|${initial})`;
    });
    out = replaceFolded(out, `()${parts.join("[ \\t]*")}`, by, {
      keepLead: true,
      accept: (replaced) => {
        const glued = /^\p{Lu}+$/u.test(replaced) && replaced.length === words.length;
        const tokens = glued ? [...replaced] : replaced.split(/[.\s]+/).filter(Boolean);
        if (tokens.length !== words.length) return false;
        const initials = tokens.filter((t) => t.length === 1);
        if (initials.length === 0 || initials.some((t) => !/\p{Lu}/u.test(t))) return false;
        if (!tokens.every((t, i) => t.length === 1 || sameWord(t, words[i] as string))) return false;
        if (initials.length < tokens.length) return true;
        return replaced.includes(".") ? tokens.length >= 2 : tokens.length >= 3 && !/\s/.test(replaced);
      },
    });
  }
  const given = folded.at(-1) as string;
  const titles = [...new Set(HONORIFICS.map(foldLower))].map(escapeRe).join("|");
  return replaceFolded(out, `((?:${titles})[ \\t]+)${escapeRe(given[0] as string)}`, by, {
    keepLead: true,
    accept: (letter, lead, after) => {
      if (!HONORIFIC_SET.has(lower(lead.trim())) || !/^\p{Lu}$/u.test(letter)) return false;
      // More initials or a glued word follow: someone else's initials ("bà T.T.H"), or a name.
      return !/^\.?[ \t]?\p{Lu}\.|^\.\p{L}/u.test(after);
    },
  });
}
