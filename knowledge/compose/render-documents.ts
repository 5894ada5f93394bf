import type { Procedure, ProcedureDocument } from "../procedure.js";
import { cleanInline, cleanItem, cleanItems, cleanName, isBlank, lowerFirst } from "./clean-text.js";
import { dossierCases, isNoteEntry, paperKey } from "./document-cases.js";
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
export const isDocumentNote = isNoteEntry;

/** Renders a zero-quantity entry in place: a sub-heading as is, a note as an unnumbered aside. */
function noteLine(doc: ProcedureDocument): SectionLine {
  const text = cleanItem(doc.name);
  return { text: text.endsWith(":") ? text : `– ${text}` };
}

/** The entries of a case, each paper once (the portal sometimes lists one twice). */
function onceEach(docs: readonly ProcedureDocument[]): ProcedureDocument[] {
  const seen = new Set<string>();
  return docs.filter((d) => {
    const key = `${d.kind}|${paperKey(d)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Lines for the papers of one case: those to submit numbered with their quantity, those to show
 * ("phải xuất trình") listed separately; its notes apart, as asides, so papers come first. Papers
 * in `skip` are left out.
 */
export function caseDocumentLines(
  docs: readonly ProcedureDocument[],
  withForms: boolean,
  skip: ReadonlySet<string> = new Set(),
): { papers: SectionLine[]; notes: SectionLine[] } {
  const papers: SectionLine[] = [];
  const entries = onceEach(docs).filter((d) => !skip.has(paperKey(d)));
  const submit = entries.filter((d) => d.kind === "submit" && !isDocumentNote(d));
  const present = entries.filter((d) => d.kind === "present" && !isDocumentNote(d));
  if (present.length > 0 && submit.length > 0) papers.push({ text: "Giấy tờ phải nộp:" });
  submit.forEach((d, i) => {
    papers.push(documentLine(d, `${i + 1}.`, withForms));
  });
  if (present.length > 0)
    papers.push({ text: "Giấy tờ phải xuất trình (mang theo bản chính để đối chiếu):" });
  for (const d of present) papers.push(documentLine(d, "•", withForms));
  return { papers, notes: entries.filter(isDocumentNote).map(noteLine) };
}

/** The dossier notes as a "Lưu ý:" block; empty when there are none. */
export function dossierNoteLines(
  procedure: Procedure,
  caseNotes: readonly ProcedureDocument[],
): SectionLine[] {
  const notes = [...cleanItems(procedure.documentNotes), ...cleanItems(caseNotes.map((d) => d.name))];
  return notes.length === 0 ? [] : [{ text: "Lưu ý:" }, ...notes.map((note) => ({ text: `• ${note}` }))];
}

/** The line that introduces the other cases of a dossier, which the citizen picks with buttons. */
export const OTHER_CASES_LINE = "Trường hợp khác (bấm nút bên dưới để xem giấy tờ riêng):";

/** True when the procedure lists any paper or dossier note. */
export function hasDocuments(procedure: Procedure): boolean {
  return procedure.documents.some((d) => !isBlank(d.name)) || cleanItems(procedure.documentNotes).length > 0;
}

/**
 * Drafts the "Hồ sơ cần nộp" section for the common case: its papers, each once, with quantity and
 * original or copy, then the other cases by name (the citizen picks one with a button), then its
 * notes and the dossier notes; the notes under a "Lưu ý" heading are shown in the full view.
 */
export function draftDocuments(procedure: Procedure, title: string, withForms: boolean): SectionDraft {
  const { common, others, notes } = dossierCases(procedure);
  const lines: SectionLine[] = [];
  if (others.length > 0) lines.push({ text: `${cleanName(common.heading)}:` });
  const { papers, notes: asides } = caseDocumentLines(common.docs, withForms);
  lines.push(...papers);
  if (others.length > 0) {
    lines.push({ text: OTHER_CASES_LINE });
    for (const c of others) lines.push({ text: `• ${c.label}` });
  }
  if (asides.length > 0) lines.push({ text: "Ghi chú:" }, ...asides);
  lines.push(...dossierNoteLines(procedure, withForms ? notes : []));
  return { title, lines, unit: "giấy tờ" };
}

/** One-line summary of the common case's dossier for the overview, e.g. "5 giấy tờ phải nộp, gồm: …". */
export function summarizeDocuments(procedure: Procedure, maxChars: number): string {
  const { common, others } = dossierCases(procedure);
  const docs = onceEach(common.docs).filter((d) => !isDocumentNote(d));
  const submit = docs.filter((d) => d.kind === "submit");
  const present = docs.filter((d) => d.kind === "present");
  const counts: string[] = [];
  if (submit.length > 0) counts.push(`${submit.length} giấy tờ phải nộp`);
  if (present.length > 0) counts.push(`${present.length} giấy tờ phải xuất trình`);
  let text = counts.join(", ");
  if (others.length > 0 && text)
    text += ` (${lowerFirst(common.label)}; có ${others.length} trường hợp khác)`;
  const names = (submit.length > 0 ? submit : present)
    .slice(0, 2)
    .map((d) => truncateAtWord(cleanItem(d.name).replace(/(?<!\.)\.$/u, ""), 70));
  const more = docs.length - names.length;
  if (names.length > 0) text += `, gồm: ${names.join("; ")}${more > 0 ? ` và ${more} giấy tờ khác` : ""}`;
  if (!text) text = cleanItems(procedure.documentNotes).join("; ");
  return truncateAtWord(text, maxChars);
}
