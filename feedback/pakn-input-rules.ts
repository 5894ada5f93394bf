import { foldDiacritics } from "../knowledge/normalize.js";

// C0 control characters other than tab, line feed and carriage return, and DEL: never meant by a
// person, and PostgreSQL refuses NUL in text outright.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Removes the control characters a person never types (NUL and the rest of C0 but tab and line
 * breaks, and DEL) from text received from outside, so it can be stored and filed as sent.
 */
export function stripControlChars(text: string): string {
  return text.replace(CONTROL_CHARS, "");
}

/** Longest content a PAKN may have (a few paragraphs; longer texts belong in an attachment). */
export const MAX_CONTENT_CHARS = 2_000;

/** Fewest words a content must have to say what happened and where. */
export const MIN_CONTENT_WORDS = 5;

// A folded Vietnamese syllable: optional initial consonant cluster, vowels, optional final.
const SYLLABLE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

const words = (text: string) => text.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];

/** Why a content cannot be filed as it is: too short, too long, or not readable Vietnamese. */
export type ContentProblem = "too_short" | "too_long" | "unreadable";

/**
 * Checks that a content is readable Vietnamese of reasonable length (NĐ 20/2008: a PAKN must be
 * written in Vietnamese and be understandable): enough words, most of them Vietnamese syllables.
 */
export function checkContent(text: string): ContentProblem | undefined {
  const trimmed = text.trim();
  if (trimmed.length > MAX_CONTENT_CHARS) return "too_long";
  const all = words(trimmed);
  const letters = all.filter((w) => /\p{L}/u.test(w));
  if (letters.length < MIN_CONTENT_WORDS) return "too_short";
  const vietnamese = letters.filter((w) => SYLLABLE.test(foldDiacritics(w.toLowerCase()))).length;
  return vietnamese / letters.length >= 0.6 ? undefined : "unreadable";
}

/** Whether a text is a plausible person's name: letters, spaces and a few marks, 2–80 characters. */
export function isPlausibleName(text: string): boolean {
  const name = text.normalize("NFC").trim();
  return name.length >= 2 && name.length <= 80 && /^[\p{L}][\p{L}\s.'-]*$/u.test(name);
}

/** Whether a text is a plausible address: at least two words with letters, at most 200 characters. */
export function isPlausibleAddress(text: string): boolean {
  const address = text.normalize("NFC").trim();
  return address.length >= 5 && address.length <= 200 && words(address).length >= 2 && /\p{L}/u.test(address);
}
