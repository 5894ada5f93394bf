import { redactionWords } from "./redact-words.js";

/**
 * E-mail addresses written around spam filters: "an (at) yahoo.com", "an [at] gmail [dot] com",
 * "an a còng gmail chấm com", "an@gmail chấm com". The words for "@" and "." and the endings an
 * address must have are in assets/redaction-words.tsv, so "chấm công" or "họp at UBND" stay.
 */

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const anyOf = (words: string[]) =>
  words
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRe(w).replace(/ +/g, "[ \\t]+"))
    .join("|");

const AT_WORDS = anyOf(redactionWords("email-at"));
const DOT_WORDS = anyOf(redactionWords("email-dot"));
const TLDS = anyOf(redactionWords("email-tld"));
const OPEN = String.raw`[(\[{<]`;
const CLOSE = String.raw`[)\]}>]`;
/** "@", a word for it in brackets, or a word for it between spaces. */
const AT = String.raw`(?:[ \t]*@[ \t]*|[ \t]*${OPEN}[ \t]*(?:${AT_WORDS}|@)[ \t]*${CLOSE}[ \t]*|[ \t]+(?:${AT_WORDS})[ \t]+)`;
/** "." (spaces around it allowed), a word for it in brackets, or a word for it between spaces. */
const DOT = String.raw`(?:[ \t]*\.[ \t]*|[ \t]*${OPEN}[ \t]*(?:${DOT_WORDS}|\.)[ \t]*${CLOSE}[ \t]*|[ \t]+(?:${DOT_WORDS})[ \t]+)`;
const LABEL = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?";

/** An e-mail address with "@" or "." written in words or brackets. */
export const SPELLED_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]*[\p{L}\p{N}]${AT}${LABEL}(?:${DOT}${LABEL})*${DOT}(?:${TLDS})(?![\p{L}\p{N}@])`,
  "giu",
);

/** Whether the text holds a word or a sign for "@" at all (most texts do not: the full pattern is slow). */
const HAS_AT = new RegExp(`@|(?<![\\p{L}])(?:${AT_WORDS})(?![\\p{L}])`, "iu");

/** Replaces e-mail addresses written in words with `by` (plain addresses are the EMAIL pattern's). */
export function redactSpelledEmails(text: string, by: string): string {
  return HAS_AT.test(text) ? text.replace(SPELLED_EMAIL, by) : text;
}
