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

/** A sub-point inside a step: "+ …", "(i) …", "a) …". */
const SUB_POINT = /^(?:\+|\(?[ivx]{1,4}\)|[a-zđ]\))\s*/u;

/**
 * Drafts the steps section: main steps numbered (unless the portal numbers them, "Bước 1: …"),
 * sub-points ("+ …", "(i) …") indented under their step, line fragments that start in lower case
 * joined to the step before, headings ("Lưu ý:") kept as is with the notes under them as bullets;
 * null when empty.
 */
export function draftSteps(procedure: Procedure, title: string): SectionDraft | null {
  const lines: SectionLine[] = [];
  let n = 0;
  // After a "Lưu ý:" heading, lines are notes rather than steps.
  let notes = false;
  for (const raw of procedure.steps) {
    if (isBlank(raw)) continue;
    for (const part of cleanText(raw).split("\n")) {
      const line = part.trim();
      if (!line) continue;
      const previous = lines[lines.length - 1];
      if (SUB_POINT.test(line)) {
        lines.push({ text: `   ${line.startsWith("+") ? `+ ${line.replace(SUB_POINT, "")}` : line}` });
      } else if (previous && /^\p{Ll}/u.test(line)) {
        previous.text = `${previous.text} ${line}`;
      } else {
        const text = line.replace(/^(?:[-•*–—]\s*)+/u, "");
        if (text === line && text.endsWith(":") && text.length <= 80) {
          lines.push({ text });
          notes = /^(?:\*\s*)?(?:lưu ý|ghi chú|chú ý)/iu.test(text);
        } else if (notes) {
          lines.push({ text: `• ${text}` });
        } else {
          lines.push({ text: /^bước\s*\d+/iu.test(text) ? text : `${++n}. ${text}`, item: true });
        }
      }
    }
  }
  return lines.length === 0 ? null : { title, lines, unit: "bước" };
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
