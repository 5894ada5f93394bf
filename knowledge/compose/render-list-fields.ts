import type { LegalBasis, Procedure } from "../procedure.js";
import { cleanInline, cleanItem, cleanText, isBlank } from "./clean-text.js";
import type { SectionDraft, SectionLine } from "./section.js";

/** Cleans a multi-line entry, keeping its inner line breaks but no blank lines or leading bullet. */
function cleanEntry(value: string): string {
  return cleanText(value)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n")
    .replace(/^(?:[-+•*–—]\s*)+/u, "")
    .replace(/[\s,;]+$/u, "");
}

function entries(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    if (isBlank(value)) continue;
    const entry = cleanEntry(value);
    const key = entry.toLocaleLowerCase("vi");
    if (!entry || seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  return out;
}

const bullets = (items: string[]): SectionLine[] => items.map((text) => ({ text: `• ${text}`, item: true }));

/** Drafts the steps section, numbered unless the portal already numbers them ("Bước 1: …"); null when empty. */
export function draftSteps(procedure: Procedure, title: string): SectionDraft | null {
  const steps = entries(procedure.steps);
  if (steps.length === 0) return null;
  const numbered = steps.every((s) => /^(?:bước|b)\s*\d+/iu.test(s));
  const lines = steps.map((text, i) => ({ text: numbered ? text : `${i + 1}. ${text}`, item: true }));
  return { title, lines, unit: "bước" };
}

/** Drafts the conditions section as bullets; null when empty. */
export function draftConditions(procedure: Procedure, title: string): SectionDraft | null {
  const items = entries(procedure.conditions);
  return items.length === 0 ? null : { title, lines: bullets(items), unit: "điều kiện" };
}

/** Drafts the result section as bullets; null when empty. */
export function draftResult(procedure: Procedure, title: string): SectionDraft | null {
  const items = entries(procedure.results);
  return items.length === 0 ? null : { title, lines: bullets(items), unit: "kết quả" };
}

/** Formats a legal document as "title (number)", without repeating a number the title already holds. */
export function formatLegalBasis(basis: LegalBasis): string {
  const title = cleanItem(basis.title);
  const number = cleanInline(basis.number);
  if (isBlank(title)) return number;
  if (isBlank(number)) return title;
  const squash = (s: string) => s.replace(/\s+/gu, "").toLocaleLowerCase("vi");
  return squash(title).includes(squash(number)) ? title : `${title} (${number})`;
}

/** Drafts the legal-basis section as bullets "title (number)"; null when empty. */
export function draftLegalBasis(procedure: Procedure, title: string): SectionDraft | null {
  const items = [...new Set(procedure.legalBasis.map(formatLegalBasis).filter((t) => !isBlank(t)))];
  return items.length === 0 ? null : { title, lines: bullets(items), unit: "văn bản" };
}
