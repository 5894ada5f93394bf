import type { ProcedureDocument } from "../procedure.js";

const NUMBERED = /^\(?(\d{1,2})[).]\s/;

/**
 * Puts papers the portal numbered itself ("(2) Mảnh trích đo…", "(1) Đơn đăng ký…") back in their
 * numbered order within each case group, because the scrape lists them shuffled; unnumbered papers
 * keep their place after the numbered ones.
 */
export function orderNumberedPapers(documents: ProcedureDocument[]): ProcedureDocument[] {
  const groups = new Map<string, ProcedureDocument[]>();
  for (const d of documents) {
    const key = `${d.kind}\u0000${d.group}`;
    const list = groups.get(key) ?? [];
    list.push(d);
    groups.set(key, list);
  }
  const numberOf = (d: ProcedureDocument) => Number(NUMBERED.exec(d.name)?.[1] ?? Number.POSITIVE_INFINITY);
  const ordered: ProcedureDocument[] = [];
  for (const list of groups.values()) {
    const numbered = list.filter((d) => NUMBERED.test(d.name)).length;
    ordered.push(...(numbered >= 2 ? [...list].sort((a, b) => numberOf(a) - numberOf(b)) : list));
  }
  return ordered;
}
