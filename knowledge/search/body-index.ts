import { foldTokens } from "../normalize.js";
import type { Procedure } from "../procedure.js";
import { sortedIndex } from "./sorted-index.js";

/** How body words are weighed: the weight itself, words kept per section, BM25 saturation and length norm. */
export interface BodyWeights {
  weight: number;
  tokensPerSection: number;
  k1: number;
  b: number;
}

/**
 * The sections of a procedure's own text that describe a citizen's situation in their words:
 * who may use it, conditions, results, the papers of the dossier, the steps.
 */
export function bodySections(p: Procedure): string[] {
  return [
    p.audience.join(" , "),
    p.conditions.join(" , "),
    p.results.join(" , "),
    p.documents.map((d) => d.name).join(" , "),
    p.steps.join(" , "),
  ];
}

/**
 * A second, weak inverted index over each procedure's body text (unigrams and bigrams, the first
 * words of each section), with its own idf so boilerplate words of every dossier weigh little and
 * the main index's idf (coverage, follow-ups) stays as it is; narrative words ("thai sản",
 * "nghỉ hưu") find their procedure even when its name does not use them.
 */
export class BodyIndex {
  private readonly termIds = new Map<string, number>();
  private readonly postDocs: Int32Array[] = [];
  private readonly postWeights: Float32Array[] = [];
  private readonly idf: Float64Array;

  /** `known(doc, term)`: the term is already evidence for the document in the main index (not counted twice). */
  constructor(
    procedures: readonly Procedure[],
    weights: BodyWeights,
    known: (doc: number, term: string) => boolean,
  ) {
    const docs: number[][] = [];
    const lengths: number[] = [];
    const perDocTerms: number[][] = [];
    procedures.forEach((p, doc) => {
      const ids = new Set<number>();
      for (const section of bodySections(p)) {
        // Folding a whole section (some run to thousands of words) would cost most of the build.
        const head = section.split(/\s+/, weights.tokensPerSection * 2).join(" ");
        const tokens = foldTokens(head).slice(0, weights.tokensPerSection);
        tokens.forEach((t, i) => {
          const next = tokens[i + 1];
          for (const term of next === undefined ? [t] : [t, `${t} ${next}`]) {
            if (known(doc, term)) continue;
            let id = this.termIds.get(term);
            if (id === undefined) {
              id = docs.length;
              this.termIds.set(term, id);
              docs.push([]);
            }
            ids.add(id);
          }
        });
      }
      for (const id of ids) (docs[id] as number[]).push(doc);
      lengths.push(ids.size);
      perDocTerms.push([...ids]);
    });
    const n = procedures.length;
    const avg = lengths.reduce((a, v) => a + v, 0) / (n || 1) || 1;
    const { k1, b } = weights;
    const norm = lengths.map((len) => (weights.weight * (k1 + 1)) / (1 + k1 * (1 - b + (b * len) / avg)));
    this.idf = new Float64Array(docs.length);
    docs.forEach((list, id) => {
      this.idf[id] = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      this.postDocs.push(Int32Array.from(list));
      this.postWeights.push(Float32Array.from(list, (d) => norm[d] as number));
    });
  }

  /** The term's id in this index, -1 when no body uses it (outside what the main index holds). */
  termId(term: string): number {
    return this.termIds.get(term) ?? -1;
  }

  /** The idf of a body term by id. */
  idfOf(id: number): number {
    return this.idf[id] as number;
  }

  /** The documents whose body holds the term and each one's stored weight. */
  posting(id: number): { docs: Int32Array; weights: Float32Array } {
    return { docs: this.postDocs[id] as Int32Array, weights: this.postWeights[id] as Float32Array };
  }

  /** Whether one document's body holds the term. */
  holds(id: number, d: number): boolean {
    return this.indexIn(id, d) >= 0;
  }

  /** The stored weight of a body term in one document (0 when absent). */
  weightIn(id: number, d: number): number {
    const k = this.indexIn(id, d);
    return k < 0 ? 0 : ((this.postWeights[id] as Float32Array)[k] as number);
  }

  /** Where a document sits in a body term's posting list, -1 when absent. */
  private indexIn(id: number, d: number): number {
    return sortedIndex(this.postDocs[id] as Int32Array, d);
  }
}
