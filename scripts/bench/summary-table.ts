import type { RankingScores } from "./metrics.js";

/** What the search benchmark reports for one part of the dev sets (the parts of the table). */
export interface PartReport {
  questions: number;
  ranking: Record<string, RankingScores & { accented: RankingScores; unaccented: RankingScores }>;
  behaviour: { n: number; accuracy: number };
  fields: { f1: number; n?: number };
  conversations: { turns: number; accuracy: number };
}

/** What the search benchmark reports for one part of another question set (conversations optional). */
export type SetPartReport = Omit<PartReport, "conversations"> & Partial<Pick<PartReport, "conversations">>;

/** Another question set's report: its name in the table and its parts (tune, held, all, or all only). */
export interface NamedSet {
  name: string;
  parts: Record<string, SetPartReport>;
}

const f3 = (v: number) => v.toFixed(3);

/**
 * The benchmark's headline numbers as a plain-text table, one column per part (tune, held, all),
 * so the two parts are read side by side, then each other question set in its own rows; the JSON
 * on stdout stays the complete record.
 */
export function summaryTable(parts: Record<string, PartReport>, sets: NamedSet[] = []): string {
  const names = Object.keys(parts);
  const rows: string[][] = [["", ...names.map((n) => `${n} (${parts[n]?.questions} q)`)]];
  const first = parts[names[0] as string];
  for (const system of Object.keys(first?.ranking ?? {})) {
    const cell = (p: PartReport) => {
      const r = p.ranking[system] as PartReport["ranking"][string];
      return `${f3(r.top1)} / ${f3(r.top5)} / ${f3(r.mrr10)}`;
    };
    const split = (p: PartReport) => {
      const r = p.ranking[system] as PartReport["ranking"][string];
      return `${f3(r.accented.top1)} / ${f3(r.unaccented.top1)}`;
    };
    rows.push([`${system} top-1 / top-5 / MRR`, ...names.map((n) => cell(parts[n] as PartReport))]);
    rows.push([`${system} top-1 accented / unaccented`, ...names.map((n) => split(parts[n] as PartReport))]);
  }
  rows.push(["behaviour accuracy", ...names.map((n) => f3((parts[n] as PartReport).behaviour.accuracy))]);
  rows.push(["fields F1", ...names.map((n) => f3((parts[n] as PartReport).fields.f1))]);
  rows.push([
    "conversation turns right",
    ...names.map((n) => {
      const c = (parts[n] as PartReport).conversations;
      return `${f3(c.accuracy)} (${c.turns})`;
    }),
  ]);
  for (const set of sets) rows.push(...setRows(set));
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return `${rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}

/** The rows of another question set: ranking of ours (and BM25), behaviour, fields, conversations. */
function setRows({ name, parts }: NamedSet): string[][] {
  const cols = Object.keys(parts);
  const at = (c: string) => parts[c] as SetPartReport;
  // A set of conversations only has no question rows.
  const asked = cols.some((c) => at(c).questions > 0);
  const rows: string[][] = [[`${name}`, ...cols.map((c) => (asked ? `${c} (${at(c).questions} q)` : c))]];
  if (asked) rows.push(...questionRows(name, cols, at));
  if (at(cols[0] as string).conversations)
    rows.push([
      `${name} conversation turns right`,
      ...cols.map((c) => {
        const conv = at(c).conversations;
        return conv ? `${f3(conv.accuracy)} (${conv.turns})` : "";
      }),
    ]);
  return rows;
}

/** The question rows of another set: ranking of ours (and BM25), behaviour, fields. */
function questionRows(name: string, cols: string[], at: (c: string) => SetPartReport): string[][] {
  const rows: string[][] = [];
  const r = (c: string) => at(c).ranking.ours;
  rows.push([
    `${name} ours top-1 / top-5 / MRR`,
    ...cols.map((c) => `${f3(r(c)?.top1 ?? 0)} / ${f3(r(c)?.top5 ?? 0)} / ${f3(r(c)?.mrr10 ?? 0)}`),
  ]);
  rows.push([
    `${name} ours top-1 accented / unaccented`,
    ...cols.map((c) => `${f3(r(c)?.accented.top1 ?? 0)} / ${f3(r(c)?.unaccented.top1 ?? 0)}`),
  ]);
  const b = (c: string) => at(c).ranking.bm25;
  if (b(cols[0] as string))
    rows.push([
      `${name} bm25 top-1 / top-5`,
      ...cols.map((c) => `${f3(b(c)?.top1 ?? 0)} / ${f3(b(c)?.top5 ?? 0)}`),
    ]);
  rows.push([`${name} behaviour accuracy`, ...cols.map((c) => f3(at(c).behaviour.accuracy))]);
  // A set labelled without fields (the vocabulary checks) has no fields row.
  if (cols.some((c) => (at(c).fields.n ?? 1) > 0))
    rows.push([`${name} fields F1`, ...cols.map((c) => f3(at(c).fields.f1))]);
  return rows;
}
