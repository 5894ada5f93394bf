import type { AnalyzedQuery } from "../search/query.js";

/** A message's meaning for comparing it with other messages: term → weight × idf, and its length. */
export interface MeaningVector {
  weights: Map<string, number>;
  norm: number;
}

/**
 * The weighted words of an analysed message (its words and dictionary expansions, the question's
 * filler discounted), scaled by how informative each term is in the corpus: two ways of
 * asking for the same thing share the rare words and the everyday phrases' official expansions.
 */
export function meaningOf(query: AnalyzedQuery, idfOf: (term: string) => number): MeaningVector {
  const weights = new Map<string, number>();
  for (const t of query.terms) {
    // Word pairs follow word order, which differs most between two ways of asking.
    if (t.term.includes(" ")) continue;
    const w = t.weight * idfOf(t.term);
    if (w > 0) weights.set(t.term, Math.max(weights.get(t.term) ?? 0, w));
  }
  let sum = 0;
  for (const w of weights.values()) sum += w * w;
  return { weights, norm: Math.sqrt(sum) };
}

/** Cosine similarity of two meanings, 0 (nothing shared) to 1 (the same terms in the same proportions). */
export function similarity(a: MeaningVector, b: MeaningVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small.weights) {
    const v = large.weights.get(term);
    if (v !== undefined) dot += w * v;
  }
  return dot / (a.norm * b.norm);
}
