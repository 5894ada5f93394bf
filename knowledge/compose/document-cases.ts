import type { Procedure, ProcedureDocument } from "../procedure.js";
import { cleanInline, cleanItem, cleanName, isBlank, upperFirst } from "./clean-text.js";
import {
  bundledDocumentCaseWords,
  type DocumentCaseWords,
  findPhrase,
  foldPhrase,
  foldWord,
  matchAt,
} from "./document-case-words.js";
import { fitPhrase, joinTokens, type Token, tidyPhrase, tokenize } from "./label-phrases.js";
import { diffLabels } from "./span-labels.js";

/** Longest case label: fits a phone button next to nothing else. */
export const MAX_CASE_LABEL_CHARS = 60;

/** One case of a dossier the citizen can pick. */
export interface DocumentCase {
  /** Short button label made from the case's own wording. */
  label: string;
  /** The case as the portal words it: the group heading or the condition of the paper. */
  heading: string;
  /** The papers (and notes) of this case, in portal order. */
  docs: ProcedureDocument[];
  /** True when its papers come on top of the common papers rather than replacing them. */
  addsToCommon: boolean;
  /** True when it names a rare situation (an abandoned child, living on a boat …). */
  exceptional: boolean;
}

/** A dossier split into its common case and the other cases. */
export interface DossierCases {
  /** The common case: the papers nearly every applicant brings; index 0 of a case payload. */
  common: DocumentCase;
  /** The other cases, ordinary ones first; index 1… of a case payload. */
  others: DocumentCase[];
  /** Notes under a notes heading ("Lưu ý"), which belong to no case. */
  notes: ProcedureDocument[];
}

/** True for an entry with a zero quantity ("0 bản chính"): a note or a sub-heading, not a paper. */
export function isNoteEntry(doc: ProcedureDocument): boolean {
  const quantity = cleanInline(doc.quantity);
  return quantity !== "" && !/[1-9]/u.test(quantity);
}

/** Leading list markers and numbering: "- ", "+ ", "(i) ", "a) ", "1. ". */
const LEADING_MARK = /^(?:[-+•*–—]\s*|\(?(?:[ivx]{1,4}|[a-zđ]|\d{1,2})(?:[).]\s*:?|\):?)\s+)+/iu;

/** A folded key for telling papers apart: cleaned name, lower case, no list marker or final stop. */
export const paperKey = (doc: ProcedureDocument): string =>
  foldPhrase(cleanItem(doc.name).replace(LEADING_MARK, "")).join(" ");

/**
 * The case wording of a paper that applies to one case only ("Trường hợp trẻ em bị bỏ rơi thì phải
 * có biên bản …" → "trẻ em bị bỏ rơi", "Văn bản ủy quyền … trong trường hợp ủy quyền …" →
 * "ủy quyền …"); null for a paper every applicant brings.
 */
export function conditionOf(name: string, words: DocumentCaseWords): string | null {
  const tokens = tokenize(cleanItem(name).replace(LEADING_MARK, ""));
  const keys = tokens.map(foldWord);
  const opener = matchAt(keys, 0, words.opener);
  let start = -1;
  if (opener) start = opener.length;
  else {
    const inline = findPhrase(keys, words.inline, 1);
    if (inline && !insideBrackets(tokens.slice(0, inline.at + 1))) start = inline.at + inline.phrase.length;
  }
  if (start < 0) return null;
  let end = tokens.length;
  for (let p = start + 1; p < tokens.length; p++) {
    if (matchAt(keys, p, words.stop) || /[;:.)]$/u.test(tokens[p - 1]?.text ?? "")) {
      end = p;
      break;
    }
  }
  const text = tidyPhrase(joinTokens(tokens.slice(start, end)));
  return text.length >= 3 ? text : null;
}

/** True when the words leave a bracket open: what follows is an aside ("(đối với trường hợp …)"). */
function insideBrackets(tokens: readonly Token[]): boolean {
  const text = joinTokens(tokens);
  return (text.match(/\(/gu)?.length ?? 0) > (text.match(/\)/gu)?.length ?? 0);
}

/** Prepositions left at the start of a case once the procedure's own name is cut off it. */
const LEADING_LINK = /^(?:vào|tại|ở|cho|đối với|với|của|khi)\s+/iu;

/**
 * A short label from a case's wording: without an opener ("Trường hợp"), the words it repeats from
 * the procedure's name, or what follows a stop word ("thì hồ sơ gồm …"); at most 60 characters.
 */
export function caseLabel(heading: string, procedureName: string, words: DocumentCaseWords): string {
  const tokens = tokenize(cleanName(heading).replace(LEADING_MARK, ""));
  const keys = tokens.map(foldWord);
  let start = matchAt(keys, 0, words.opener)?.length ?? 0;
  const name = foldPhrase(cleanName(procedureName).replace(/^thủ tục\s+/iu, ""));
  let shared = 0;
  while (shared < name.length && keys[start + shared] === name[shared]) shared++;
  if (shared >= 2 && tokens.length - (start + shared) >= 2) start += shared;
  const stop = findPhrase(keys, words.stop, start + 3);
  const end = stop ? stop.at : tokens.length;
  const text = tidyPhrase(joinTokens(tokens.slice(start, end)).replace(LEADING_LINK, ""));
  const label = fitPhrase(tokenize(text), MAX_CASE_LABEL_CHARS);
  return upperFirst(label || fitPhrase(tokens, MAX_CASE_LABEL_CHARS));
}

const mentions = (text: string, phrases: readonly string[][]) =>
  findPhrase(foldPhrase(text), phrases) !== null;

function isExceptional(heading: string, docs: readonly ProcedureDocument[], words: DocumentCaseWords) {
  return mentions(heading, words.exceptional) || docs.some((d) => mentions(d.name, words.exceptional));
}

/** Makes labels unique: colliding ones by what their headings add, then by numbering repeats. */
function uniqueLabels(cases: DocumentCase[]): void {
  const keyOf = (c: DocumentCase) => foldPhrase(c.label).join(" ");
  const byKey = new Map<string, DocumentCase[]>();
  for (const c of cases) byKey.set(keyOf(c), [...(byKey.get(keyOf(c)) ?? []), c]);
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const diffs = diffLabels(
      group.map((c) => tokenize(cleanName(c.heading).replace(LEADING_MARK, ""))),
      MAX_CASE_LABEL_CHARS,
    );
    group.forEach((c, k) => {
      const label = diffs[k]?.label ?? "";
      if (label.split(" ").length >= 2) c.label = upperFirst(label);
    });
  }
  const seen = new Map<string, number>();
  for (const c of cases) {
    const key = foldPhrase(c.label).join(" ");
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) c.label = `${fitPhrase(tokenize(c.label), MAX_CASE_LABEL_CHARS - 4)} (${n})`;
  }
}

const cache = new WeakMap<Procedure, DossierCases>();

/**
 * Splits a procedure's papers into cases: the papers every applicant brings form the common case,
 * each group heading ("Đăng ký thường trú vào chỗ ở … do thuê, mượn, ở nhờ") and each paper for one
 * case only ("Trường hợp trẻ em bị bỏ rơi thì …") becomes a case of its own; without shared papers
 * the first group that names no rare situation is the common case.
 */
export function dossierCases(procedure: Procedure, words = bundledDocumentCaseWords()): DossierCases {
  const cached = words === bundledDocumentCaseWords() ? cache.get(procedure) : undefined;
  if (cached) return cached;
  const commonDocs: ProcedureDocument[] = [];
  const notes: ProcedureDocument[] = [];
  const conditional = new Map<string, DocumentCase>();
  const groups = new Map<string, ProcedureDocument[]>();
  for (const doc of procedure.documents) {
    if (isBlank(doc.name)) continue;
    const group = cleanInline(doc.group).replace(/[\s:]+$/u, "");
    if (group && mentionsAtStart(group, words.noteHeading)) notes.push(doc);
    else if (group) groups.set(group, [...(groups.get(group) ?? []), doc]);
    else if (isNoteEntry(doc)) commonDocs.push(doc);
    else {
      const condition = conditionOf(doc.name, words);
      if (!condition) commonDocs.push(doc);
      else {
        const key = foldPhrase(condition).join(" ");
        const found = conditional.get(key);
        if (found) found.docs.push(doc);
        else
          conditional.set(key, {
            label: caseLabel(condition, procedure.name, words),
            heading: upperFirst(condition),
            docs: [doc],
            addsToCommon: true,
            exceptional: isExceptional(condition, [], words),
          });
      }
    }
  }
  for (const [heading, docs] of groups) {
    if (caseLabel(heading, procedure.name, words).split(" ").length >= 2) continue;
    commonDocs.push(...docs);
    groups.delete(heading);
  }
  const hasCommonPapers = commonDocs.some((d) => !isNoteEntry(d));
  const grouped: DocumentCase[] = [...groups.entries()].map(([heading, docs]) => ({
    label: caseLabel(heading, procedure.name, words),
    heading,
    docs,
    addsToCommon: hasCommonPapers,
    exceptional: isExceptional(heading, docs, words),
  }));
  let others = [...grouped, ...conditional.values()];
  let common: DocumentCase = {
    label: words.commonLabel,
    heading: words.commonLabel,
    docs: commonDocs,
    addsToCommon: false,
    exceptional: false,
  };
  if (!hasCommonPapers && others.length > 0) {
    const pick = others.find((c) => !c.exceptional) ?? (others[0] as DocumentCase);
    common = { ...pick, docs: [...pick.docs, ...commonDocs], addsToCommon: false };
    others = others.filter((c) => c !== pick);
  }
  others = [...others.filter((c) => !c.exceptional), ...others.filter((c) => c.exceptional)];
  uniqueLabels([common, ...others]);
  const result = { common, others, notes };
  if (words === bundledDocumentCaseWords()) cache.set(procedure, result);
  return result;
}

function mentionsAtStart(text: string, phrases: readonly string[][]): boolean {
  const keys = foldPhrase(text.replace(/^[*\s]+/u, ""));
  return matchAt(keys, 0, phrases) !== undefined;
}

/** The case at a payload index: 0 is the common case, 1… the others; undefined when out of range. */
export function caseAt(cases: DossierCases, index: number): DocumentCase | undefined {
  return index === 0 ? cases.common : cases.others[index - 1];
}
