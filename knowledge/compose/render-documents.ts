import type { Procedure, ProcedureDocument } from "../procedure.js";
import { cleanInline, cleanItem, cleanItems, isBlank } from "./clean-text.js";
import type { SectionDraft, SectionLine } from "./section.js";
import { truncateAtWord } from "./split-text.js";

/** Formats a quantity ("1 bản chính,1 bản sao" → "1 bản chính, 1 bản sao"), dropping "0 …" parts. */
export function formatQuantity(quantity: string): string {
  return cleanInline(quantity)
    .split(/\s*[,;]\s*/u)
    .map((q) => q.trim())
    .filter((q) => q && !/^0+\s/u.test(q) && !/^0+$/u.test(q))
    .join(", ");
}

function documentLine(doc: ProcedureDocument, prefix: string, withForm: boolean): SectionLine {
  const name = cleanItem(doc.name).replace(/(?<!\.)\.$/u, "");
  const quantity = formatQuantity(doc.quantity);
  const form = cleanInline(doc.form);
  let suffix = quantity ? ` (${quantity})` : "";
  if (withForm && form) suffix += ` [Mẫu: ${form}]`;
  return { text: `${prefix} ${name}`, item: true, suffix };
}

/**
 * True for an entry the portal lists among papers with a zero quantity ("0 bản chính"): nearly always
 * a note ("Trường hợp … thì không phải nộp …") or a sub-heading, not a paper to bring.
 */
export function isDocumentNote(doc: ProcedureDocument): boolean {
  const quantity = cleanInline(doc.quantity);
  return quantity !== "" && !/[1-9]/u.test(quantity);
}

/** Renders a zero-quantity entry in place: a sub-heading as is, a note as an unnumbered aside. */
function noteLine(doc: ProcedureDocument): SectionLine {
  const text = cleanItem(doc.name);
  return { text: text.endsWith(":") ? text : `– ${text}` };
}

/** Procedure papers grouped by case heading, in order of first appearance. */
function groupsOf(documents: readonly ProcedureDocument[]): { group: string; docs: ProcedureDocument[] }[] {
  const groups: { group: string; docs: ProcedureDocument[] }[] = [];
  for (const doc of documents) {
    if (isBlank(doc.name)) continue;
    const group = cleanInline(doc.group).replace(/[\s:]+$/u, "");
    const found = groups.find((g) => g.group === group);
    if (found) found.docs.push(doc);
    else groups.push({ group, docs: [doc] });
  }
  return groups;
}

/** True when the procedure lists any paper or dossier note. */
export function hasDocuments(procedure: Procedure): boolean {
  return procedure.documents.some((d) => !isBlank(d.name)) || cleanItems(procedure.documentNotes).length > 0;
}

/**
 * Drafts the "Hồ sơ cần nộp" section: a numbered list per case with quantities, the papers to
 * show ("phải xuất trình") listed separately, then the dossier notes.
 */
export function draftDocuments(procedure: Procedure, title: string, withForms: boolean): SectionDraft {
  const lines: SectionLine[] = [];
  const groups = groupsOf(procedure.documents);
  const isPaper = (d: ProcedureDocument) => !isBlank(d.name) && !isDocumentNote(d);
  const hasPresent = procedure.documents.some((d) => d.kind === "present" && isPaper(d));
  for (const { group, docs } of groups) {
    if (group) lines.push({ text: `${group}:` });
    const submit = docs.filter((d) => d.kind === "submit");
    const present = docs.filter((d) => d.kind === "present");
    if (hasPresent && submit.some(isPaper)) lines.push({ text: "Giấy tờ phải nộp:" });
    let n = 0;
    for (const d of submit) lines.push(isPaper(d) ? documentLine(d, `${++n}.`, withForms) : noteLine(d));
    if (present.some(isPaper))
      lines.push({ text: "Giấy tờ phải xuất trình (mang theo bản chính để đối chiếu):" });
    for (const d of present) lines.push(isPaper(d) ? documentLine(d, "•", withForms) : noteLine(d));
  }
  const notes = cleanItems(procedure.documentNotes);
  if (notes.length > 0) {
    lines.push({ text: "Lưu ý:" });
    for (const note of notes) lines.push({ text: `• ${note}` });
  }
  return { title, lines, unit: "giấy tờ" };
}

/** One-line summary of the dossier for the overview, e.g. "5 giấy tờ phải nộp, gồm: …". */
export function summarizeDocuments(procedure: Procedure, maxChars: number): string {
  const docs = procedure.documents.filter((d) => !isBlank(d.name) && !isDocumentNote(d));
  const submit = docs.filter((d) => d.kind === "submit");
  const present = docs.filter((d) => d.kind === "present");
  const groups = groupsOf(docs).filter((g) => g.group);
  const counts: string[] = [];
  if (submit.length > 0) counts.push(`${submit.length} giấy tờ phải nộp`);
  if (present.length > 0) counts.push(`${present.length} giấy tờ phải xuất trình`);
  let text = counts.join(", ");
  if (groups.length > 1) text += ` (khác nhau theo ${groups.length} trường hợp)`;
  const names = (submit.length > 0 ? submit : present)
    .slice(0, 2)
    .map((d) => truncateAtWord(cleanItem(d.name).replace(/(?<!\.)\.$/u, ""), 70));
  const others = docs.length - names.length;
  if (names.length > 0) text += `, gồm: ${names.join("; ")}${others > 0 ? ` và ${others} giấy tờ khác` : ""}`;
  if (!text) text = cleanItems(procedure.documentNotes).join("; ");
  return truncateAtWord(text, maxChars);
}
