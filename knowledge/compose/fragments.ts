import type { Procedure } from "../procedure.js";
import { cleanInline, isBlank } from "./clean-text.js";

/** A step heading inside text that should be a list of papers ("Bước 2.", "Bước 1:"). */
const STEP_TEXT = /(?:^|\s)Bước\s*\d+\s*[.:]/u;

/** True when brackets close before they open, or stay open, in one piece of text. */
export function hasUnbalancedBrackets(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return true;
  }
  return depth > 0;
}

/**
 * True when a piece of portal text is a broken fragment rather than something to show: it starts
 * with closing punctuation or in the middle of a sentence (lower case), or its brackets do not
 * balance ("a) …" lists aside, which open with a letter and a bracket).
 */
export function isFragment(value: string): boolean {
  const text = cleanInline(value);
  if (!text) return false;
  if (/^[)\]}.,;:!?]/u.test(text)) return true;
  if (/^\p{Ll}/u.test(text) && !/^\p{Ll}\)/u.test(text)) return true;
  const withoutListMarks = text.replace(/(?:^|\s)(?:\p{L}{1,2}\d?|\d+(?:\.\d+)*)\)\s/gu, " ");
  return hasUnbalancedBrackets(withoutListMarks);
}

/** True when a note of the dossier part is really step text or a cut-off fragment. */
export function isBrokenDossierNote(value: string): boolean {
  return isFragment(value) || STEP_TEXT.test(cleanInline(value));
}

/**
 * True when the portal's dossier part cannot be shown as a list: no papers, and every note is a
 * fragment or steps (the social-insurance records keep their steps there, cut mid-sentence).
 */
export function isDossierBroken(procedure: Procedure): boolean {
  if (procedure.documents.length > 0) return false;
  const notes = procedure.documentNotes.filter((n) => !isBlank(n));
  return notes.length > 0 && notes.every(isBrokenDossierNote);
}
