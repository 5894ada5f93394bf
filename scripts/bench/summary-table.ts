import type { RankingScores } from "./metrics.js";

/** What the search benchmark reports for one part of the dev sets (the parts of the table). */
export interface PartReport {
  questions: number;
  ranking: Record<string, RankingScores & { accented: RankingScores; unaccented: RankingScores }>;
  behaviour: { n: number; accuracy: number };
  fields: { f1: number };
  conversations: { turns: number; accuracy: number };
}

/** What the search benchmark reports for one part of the citizen set (no conversations there). */
export type CitizenPartReport = Omit<PartReport, "conversations">;

const f3 = (v: number) => v.toFixed(3);

/**
 * The benchmark's headline numbers as a plain-text table, one column per part (tune, held, all),
 * so the two parts are read side by side; the JSON on stdout stays the complete record.
 */
export function summaryTable(
  parts: Record<string, PartReport>,
  citizen?: Record<string, CitizenPartReport>,
): string {
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
  if (citizen) {
    rows.push(["citizen set", ...names.map((n) => `${n} (${citizen[n]?.questions ?? 0} q)`)]);
    const r = (n: string) => citizen[n]?.ranking.ours;
    rows.push([
      "citizen ours top-1 / top-5 / MRR",
      ...names.map((n) => `${f3(r(n)?.top1 ?? 0)} / ${f3(r(n)?.top5 ?? 0)} / ${f3(r(n)?.mrr10 ?? 0)}`),
    ]);
    rows.push([
      "citizen ours top-1 accented / unaccented",
      ...names.map((n) => `${f3(r(n)?.accented.top1 ?? 0)} / ${f3(r(n)?.unaccented.top1 ?? 0)}`),
    ]);
    const b = (n: string) => citizen[n]?.ranking.bm25;
    if (b(names[0] as string))
      rows.push([
        "citizen bm25 top-1 / top-5",
        ...names.map((n) => `${f3(b(n)?.top1 ?? 0)} / ${f3(b(n)?.top5 ?? 0)}`),
      ]);
    rows.push(["citizen behaviour accuracy", ...names.map((n) => f3(citizen[n]?.behaviour.accuracy ?? 0))]);
    rows.push(["citizen fields F1", ...names.map((n) => f3(citizen[n]?.fields.f1 ?? 0))]);
  }
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
