import { foldDiacritics } from "../../knowledge/normalize.js";
import type { Procedure } from "../../knowledge/procedure.js";
import type { Ranker } from "./baselines.js";

/** Parameters of the plain BM25 baseline, the textbook values the data README quotes. */
export const BM25_PARAMS = { k1: 1.2, b: 0.75 };

/** Folded syllables of a text: lower case, diacritics removed, letters and digits only. */
function syllables(text: string): string[] {
  return foldDiacritics(text.normalize("NFC").toLowerCase())
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Syllable unigrams and adjacent bigrams, the terms of the baseline. */
export function bm25Terms(text: string): string[] {
  const words = syllables(text);
  const terms = [...words];
  for (let i = 0; i + 1 < words.length; i++) terms.push(`${words[i]} ${words[i + 1]}`);
  return terms;
}

/**
 * Baseline: plain BM25 (k1 1.2, b 0.75) over procedure names only, diacritics folded, syllable
 * unigrams and bigrams; no synonyms, priors or decision, the yardstick the data README quotes.
 */
export function bm25Baseline(procedures: readonly Procedure[]): Ranker {
  const postings = new Map<string, Array<[number, number]>>();
  const lengths = procedures.map((p, doc) => {
    const counts = new Map<string, number>();
    const terms = bm25Terms(p.name);
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, tf] of counts) {
      const list = postings.get(t) ?? [];
      list.push([doc, tf]);
      postings.set(t, list);
    }
    return terms.length;
  });
  const n = procedures.length;
  const avg = lengths.reduce((a, v) => a + v, 0) / (n || 1) || 1;
  const { k1, b } = BM25_PARAMS;
  return (q, limit) => {
    const scores = new Map<number, number>();
    for (const t of new Set(bm25Terms(q))) {
      const list = postings.get(t);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const [doc, tf] of list) {
        const norm = tf + k1 * (1 - b + (b * (lengths[doc] as number)) / avg);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (k1 + 1)) / norm);
      }
    }
    return [...scores]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, limit)
      .map(([doc]) => (procedures[doc] as Procedure).code);
  };
}
