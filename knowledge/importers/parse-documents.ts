import type { ProcedureDocument } from "../procedure.js";
import { isNoInfo, LOWER_CLASS, normalizePortalText, squeeze } from "./portal-text.js";

/** Header of the portal's dossier table ("name, form, quantity"), run together. */
export const DOCUMENT_TABLE_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";

const QUANTITY = /(\d{1,2}) bản chính(?:,\s?(\d{1,2}) bản sao)?|(\d{1,2}) bản sao/g;
const FORM_EXT = /\.(?:docx?|pdf|xlsx?|rtf|odt|zip|rar)$/i;
const KIND_MARK = /^[\s*+•-]*(?:các\s+)?giấy tờ phải (nộp|xuất trình)\b[^:]{0,40}:?\s*$/i;
const GENERIC_HEADING =
  /^(?:[a-zđ0-9]{1,3}[.)]\s*)?(?:thành phần hồ sơ|hồ sơ gồm|hồ sơ bao gồm)[^:]{0,30}:?$/i;
const IN_SENTENCE_AFTER = new RegExp(`^\\s+[${LOWER_CLASS}(]`);

/** The papers of one procedure, the notes that are not papers, and what could not be read. */
export interface ParsedDocuments {
  documents: ProcedureDocument[];
  notes: string[];
  problems: string[];
}

/**
 * Parses the run-together "thành phần hồ sơ" tables: each table has an optional case heading
 * (becomes `group`; "* Giấy tờ phải xuất trình:" switches `kind`), then rows of name, optional form
 * file and quantity ("0 bản chính,1 bản sao"); prose that is not a row becomes a note.
 */
export function parseDocuments(value: unknown): ParsedDocuments {
  const text = normalizePortalText(value).trim();
  const out: ParsedDocuments = { documents: [], notes: [], problems: [] };
  if (isNoInfo(text)) return out;
  const tables = text.split(DOCUMENT_TABLE_HEADER);
  if (tables.length === 1) {
    out.notes.push(squeeze(text));
    out.problems.push("no document table");
    return out;
  }
  let kind: ProcedureDocument["kind"] = "submit";
  let heading = tables[0] ?? "";
  for (let t = 1; t < tables.length; t++) {
    const body = tables[t] ?? "";
    const group = headingToGroup(heading, (k) => {
      kind = k;
    });
    const rowEnds = findQuantities(body);
    let from = 0;
    for (const q of rowEnds) {
      const cell = body.slice(from, q.index).trim();
      from = q.index + q.text.length;
      const mark = KIND_MARK.exec(cell);
      if (mark) {
        kind = mark[1]?.toLowerCase() === "nộp" ? "submit" : "present";
        continue;
      }
      if (!cell) {
        out.problems.push(`quantity "${q.text}" without a paper name`);
        continue;
      }
      const split = splitForm(cell);
      // A stray closing bracket or dots left by the scrape before the name (") Bản sao …", "..Tài liệu").
      const name = split.name.replace(LEADING_DEBRIS, "");
      if (!name) {
        out.problems.push(`paper name "${split.name}" is only punctuation`);
        continue;
      }
      out.documents.push({ name, quantity: q.text, form: split.form, kind, group });
    }
    const tail = body.slice(from).trim();
    if (t < tables.length - 1) heading = tail;
    else if (tail && !isNoInfo(tail)) {
      out.notes.push(squeeze(tail));
      if (rowEnds.length === 0) out.problems.push("document table without quantities");
    }
  }
  return out;
}

/** Punctuation that cannot start a paper's name: closing brackets, dots, separators (after a bullet). */
const LEADING_DEBRIS = /^(?:[-+*•–—]?\s*[)\]}.,;:…]+\s*)+/u;

/** Finds the quantity cells that end rows, skipping quantities written inside a paper's name. */
function findQuantities(body: string): { index: number; text: string }[] {
  const found: { index: number; text: string }[] = [];
  for (const m of body.matchAll(QUANTITY)) {
    let index = m.index ?? 0;
    let text = m[0];
    const before = body[index - 1] ?? "";
    const after = body.slice(index + text.length);
    if (IN_SENTENCE_AFTER.test(after)) continue;
    if (/\s/.test(before) && /^[.,;:\d]/.test(after)) continue;
    if (/\d/.test(before) && text.length > 1 && /^\d\d/.test(text)) {
      // "Mẫu số 181 bản chính": the name's last digits run into the cell; the cell is one digit
      index += 1;
      text = text.slice(1);
    }
    found.push({ index, text });
  }
  return found;
}

/** Turns a table's heading into a group name, or reports a "papers to submit/present" mark. */
function headingToGroup(heading: string, setKind: (k: ProcedureDocument["kind"]) => void): string {
  let h = squeeze(heading).replace(/\n/g, " ");
  if (isNoInfo(h)) return "";
  const mark = KIND_MARK.exec(h);
  if (mark) {
    setKind(mark[1]?.toLowerCase() === "nộp" ? "submit" : "present");
    return "";
  }
  h = h.replace(/^[-*+•\s]+/, "").replace(/[:\s]+$/, "");
  return GENERIC_HEADING.test(h) ? "" : h;
}

/**
 * Splits the attached form file name off a row's name cell ("Tờ khai (NA20).Mau NA20-BCA.docx"):
 * within the last 100 characters, the file name starts at the last place where ";", ":" or ")" runs
 * into the next word, else at the first place where two words run together without a space.
 */
function splitForm(cell: string): { name: string; form: string } {
  const c = cell.trim();
  if (!FORM_EXT.test(c)) return { name: squeeze(c), form: "" };
  const from = Math.max(1, c.length - 100);
  const cuts = (re: RegExp) => [...c.slice(from).matchAll(re)].map((m) => from + (m.index ?? 0) + 1);
  const strong = cuts(/[;:)](?=[^\s(])/g).reverse();
  const weak = cuts(
    new RegExp(
      `[.,](?=\\S)|[${LOWER_CLASS}](?=[A-ZĐ0-9])|[A-ZĐ](?=[A-ZĐ][${LOWER_CLASS}])|[A-ZĐ]{2}(?=[${LOWER_CLASS}])|\\d(?=[A-ZĐ][${LOWER_CLASS}])`,
      "g",
    ),
  );
  for (const cut of [...strong, ...weak]) {
    const form = c.slice(cut).replace(/^[.;:)\s]+/, "");
    const name = c.slice(0, cut).trim();
    if (
      /^[^(]\S*.*\w.*\.\w+$/.test(form) &&
      form.replace(FORM_EXT, "").length > 1 &&
      name &&
      !FORM_EXT.test(name)
    ) {
      return { name: squeeze(name), form };
    }
  }
  const lastSpace = c.lastIndexOf(" ");
  return { name: squeeze(c), form: c.slice(lastSpace + 1) };
}
