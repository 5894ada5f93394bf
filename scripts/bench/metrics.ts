import { FIELDS, type Field } from "../../knowledge/procedure.js";

/** A labelled dev question, either label shape read into one (see dev-sets.ts). */
export interface DevQuestion {
  id: string;
  q: string;
  behavior: "answer" | "clarify" | "out_of_scope";
  /** Our procedure codes that answer it (for clarify: the candidates). */
  gold: string[];
  fields: string[];
  unaccented: boolean;
}

/** Retrieval quality of one system on a set of questions. */
export interface RankingScores {
  n: number;
  top1: number;
  top5: number;
  mrr10: number;
}

/** Top-1, top-5 and MRR@10 of ranked code lists against gold code sets. */
export function rankingScores(rows: Array<{ ranked: string[]; gold: string[] }>): RankingScores {
  let top1 = 0;
  let top5 = 0;
  let mrr = 0;
  for (const { ranked, gold } of rows) {
    const pos = ranked.slice(0, 10).findIndex((c) => gold.includes(c));
    if (pos === 0) top1++;
    if (pos >= 0 && pos < 5) top5++;
    if (pos >= 0) mrr += 1 / (pos + 1);
  }
  const n = rows.length || 1;
  return { n: rows.length, top1: r3(top1 / n), top5: r3(top5 / n), mrr10: r3(mrr / n) };
}

/** Label spellings of the dev set mapped onto our field names; other labels are not fields we detect. */
const FIELD_ALIASES: Record<string, Field> = { address: "place", fees: "fee", components: "documents" };

/** Gold fields of a question in our vocabulary (aliases mapped, unknown labels dropped). */
export function goldFields(labels: string[]): Field[] {
  const out = new Set<Field>();
  for (const l of labels) {
    const mapped = FIELD_ALIASES[l] ?? l;
    if ((FIELDS as readonly string[]).includes(mapped)) out.add(mapped as Field);
  }
  return [...out];
}

/** Micro precision, recall and F1 of predicted field sets. */
export function fieldsF1(rows: Array<{ predicted: Field[]; gold: Field[] }>): {
  n: number;
  precision: number;
  recall: number;
  f1: number;
} {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { predicted, gold } of rows) {
    for (const f of predicted)
      if (gold.includes(f)) tp++;
      else fp++;
    for (const f of gold) if (!predicted.includes(f)) fn++;
  }
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  const f1 = (2 * precision * recall) / (precision + recall || 1);
  return { n: rows.length, precision: r3(precision), recall: r3(recall), f1: r3(f1) };
}

/** Precision and recall of each field separately (micro over the rows). */
export function perFieldScores(
  rows: Array<{ predicted: Field[]; gold: Field[] }>,
): Record<string, { precision: number; recall: number; support: number }> {
  const out: Record<string, { precision: number; recall: number; support: number }> = {};
  for (const f of FIELDS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { predicted, gold } of rows) {
      const p = predicted.includes(f);
      const g = gold.includes(f);
      if (p && g) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    if (tp + fp + fn > 0)
      out[f] = { precision: r3(tp / (tp + fp || 1)), recall: r3(tp / (tp + fn || 1)), support: tp + fn };
  }
  return out;
}

/** The value at quantile q (0..1) of a list of numbers. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Rounds to three decimals for readable reports. */
export function r3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
