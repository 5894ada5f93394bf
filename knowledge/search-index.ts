import { foldTokens } from "./normalize.js";
import type { Procedure } from "./procedure.js";
import type { AnalyzedQuery } from "./search/query.js";
import { markerMask, queryMarkerMask, variantFactor } from "./search/variants.js";

/** Weight of a term found in the procedure's field or agencies instead of its name. */
const AUX_FIELD_WEIGHT = 0.3;
const AUX_AGENCY_WEIGHT = 0.12;
/** How many first-stage candidates get the full (coverage, variant, popularity) rescoring. */
const RERANK = 40;

/** One ranked procedure with the features the decision needs. */
export interface RankedHit {
  doc: number;
  score: number;
  /** Share of the message's topic words (idf-weighted) found in this procedure. */
  queryCoverage: number;
  /** Share of the procedure name (idf-weighted) the message covers. */
  nameCoverage: number;
}

interface Posting {
  docs: number[];
  weights: number[];
}

/**
 * An in-memory inverted index over procedure names (unigrams and bigrams of folded syllables,
 * aliases counted as names) with field and agency words as weak evidence, plus per-procedure
 * priors (variant markers, popularity); built once, queried in well under a millisecond.
 */
export class SearchIndex {
  readonly vocabulary = new Set<string>();
  private readonly termIds = new Map<string, number>();
  private readonly postDocs: Int32Array[] = [];
  private readonly postWeights: Float32Array[] = [];
  private readonly idf: Float64Array;
  private readonly maxIdf: number;
  /** Per document: sorted name term ids, sum of name unigram idf, variant mask, prior factor. */
  private readonly nameTerms: Int32Array[] = [];
  private readonly nameWordLists: string[][] = [];
  private readonly nameMass: Float64Array;
  private readonly variantMasks: Int32Array;
  private readonly priors: Float64Array;
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;

  constructor(readonly procedures: readonly Procedure[]) {
    const n = procedures.length;
    const postings: Posting[] = [];
    const nameDf: number[] = [];
    const bigram: boolean[] = [];
    const nameTermLists: number[][] = [];
    const maxPop = procedures.reduce((m, p) => Math.max(m, p.popularity), 0);
    this.variantMasks = new Int32Array(n);
    this.priors = new Float64Array(n);
    procedures.forEach((p, doc) => {
      const perDoc = new Map<number, number>();
      const nameIds = new Set<number>();
      const nameTokens = foldTokens(p.name);
      this.nameWordLists.push(nameTokens);
      const addText = (tokens: string[], weight: number, isName: boolean) => {
        tokens.forEach((t, i) => {
          if (isName) this.vocabulary.add(t);
          const terms = [t];
          const next = tokens[i + 1];
          if (next !== undefined) terms.push(`${t} ${next}`);
          for (const term of terms) {
            let id = this.termIds.get(term);
            if (id === undefined) {
              id = postings.length;
              this.termIds.set(term, id);
              postings.push({ docs: [], weights: [] });
              nameDf.push(0);
              bigram.push(term !== t);
            }
            if ((perDoc.get(id) ?? 0) < weight) perDoc.set(id, weight);
            if (isName) nameIds.add(id);
          }
        });
      };
      addText(nameTokens, 1, true);
      for (const alias of p.aliases) addText(foldTokens(alias), 1, true);
      addText(foldTokens(p.field), AUX_FIELD_WEIGHT, false);
      addText(foldTokens([...p.agencies, p.authority].join(" , ")), AUX_AGENCY_WEIGHT, false);
      for (const [id, w] of perDoc) {
        const post = postings[id] as Posting;
        post.docs.push(doc);
        post.weights.push(w);
      }
      for (const id of nameIds) nameDf[id] = (nameDf[id] as number) + 1;
      nameTermLists.push([...nameIds].sort((a, b) => a - b));
      this.variantMasks[doc] = markerMask(nameTokens);
      this.priors[doc] = prior(p, maxPop);
    });
    this.idf = new Float64Array(postings.length);
    let maxIdf = 0;
    postings.forEach((post, id) => {
      const df = Math.max(nameDf[id] as number, post.docs.length * 0.5, 1);
      const v = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      this.idf[id] = v;
      if (v > maxIdf) maxIdf = v;
      this.postDocs.push(Int32Array.from(post.docs));
      this.postWeights.push(Float32Array.from(post.weights));
    });
    this.maxIdf = maxIdf || 1;
    this.nameMass = new Float64Array(n);
    nameTermLists.forEach((ids, doc) => {
      this.nameTerms.push(Int32Array.from(ids));
      let mass = 0;
      for (const id of ids) if (!bigram[id]) mass += this.idf[id] as number;
      this.nameMass[doc] = mass;
    });
    this.acc = new Float64Array(n);
    this.touched = new Int32Array(n);
  }

  /** The idf of a term, or the highest idf for words the corpus never uses. */
  idfOf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? this.maxIdf : (this.idf[id] as number);
  }

  /** The folded words of a procedure's name. */
  nameWords(doc: number): readonly string[] {
    return this.nameWordLists[doc] ?? [];
  }

  /** Whether a word occurs in any procedure name. */
  knows(term: string): boolean {
    return this.termIds.has(term);
  }

  /**
   * Ranks procedures for an analysed message: weighted idf accumulation over the postings, then a
   * rescoring of the best candidates by name coverage, topic coverage, variant markers and priors.
   * `restrictTo` limits ranking to some documents (refinement among clarify candidates).
   */
  rank(query: AnalyzedQuery, limit: number, restrictTo?: ReadonlySet<number>): RankedHit[] {
    const { acc, touched } = this;
    let touchedCount = 0;
    const ids: number[] = [];
    const weights: number[] = [];
    for (const qt of query.terms) {
      const id = this.termIds.get(qt.term);
      ids.push(id ?? -1);
      weights.push(qt.weight);
      if (id === undefined) continue;
      const w = qt.weight * (this.idf[id] as number);
      const docs = this.postDocs[id] as Int32Array;
      const dws = this.postWeights[id] as Float32Array;
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k] as number;
        if (acc[d] === 0) touched[touchedCount++] = d;
        acc[d] = (acc[d] as number) + w * (dws[k] as number) + 1e-9;
      }
    }
    const candidates: number[] = [];
    for (let k = 0; k < touchedCount; k++) {
      const d = touched[k] as number;
      if (!restrictTo || restrictTo.has(d)) candidates.push(d);
    }
    candidates.sort((a, b) => (acc[b] as number) * this.priors[b]! - (acc[a] as number) * this.priors[a]!);
    const top = candidates.slice(0, Math.max(RERANK, limit));
    const slotMass = this.slotMasses(query);
    const totalSlotMass = slotMass.reduce((s, v) => s + v, 0);
    const qMask = queryMarkerMask(query.terms.filter((t) => !t.term.includes(" ")).map((t) => t.term));
    const hits = top.map((d) =>
      this.rescore(d, acc[d] as number, query, ids, slotMass, totalSlotMass, qMask),
    );
    for (let k = 0; k < touchedCount; k++) acc[touched[k] as number] = 0;
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, limit);
  }

  private slotMasses(query: AnalyzedQuery): number[] {
    const mass = new Array<number>(query.slotCount).fill(0);
    for (const qt of query.terms) {
      if (qt.slot < 0 || qt.term.includes(" ")) continue;
      mass[qt.slot] = Math.max(mass[qt.slot] as number, this.idfOf(qt.term));
    }
    return mass;
  }

  private rescore(
    d: number,
    raw: number,
    query: AnalyzedQuery,
    ids: number[],
    slotMass: number[],
    totalSlotMass: number,
    qMask: number,
  ): RankedHit {
    const names = this.nameTerms[d] as Int32Array;
    const slotCredit = new Array<number>(slotMass.length).fill(0);
    let nameHit = 0;
    query.terms.forEach((qt, k) => {
      const id = ids[k] as number;
      if (id < 0 || !has(names, id)) return;
      const idf = this.idf[id] as number;
      if (!qt.term.includes(" ")) nameHit += idf * Math.min(1, qt.weight + 0.2);
      if (qt.slot >= 0 && !qt.term.includes(" ")) {
        const credit = Math.min(1, idf / ((slotMass[qt.slot] as number) || 1));
        if (credit > (slotCredit[qt.slot] as number)) slotCredit[qt.slot] = credit;
      }
    });
    let covered = 0;
    slotCredit.forEach((c, s) => {
      covered += c * (slotMass[s] as number);
    });
    const queryCoverage = totalSlotMass > 0 ? covered / totalSlotMass : 0;
    const nameCoverage = Math.min(1, nameHit / (this.nameMass[d] || 1));
    const score =
      raw *
      (0.35 + 0.65 * nameCoverage) *
      (0.3 + 0.7 * queryCoverage) *
      (this.priors[d] as number) *
      variantFactor(this.variantMasks[d] as number, qMask);
    return { doc: d, score, queryCoverage, nameCoverage };
  }
}

/** Binary search in a sorted id list. */
function has(sorted: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] as number;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Prior belief that a citizen means this procedure: national-portal popularity and whether a
 * local (province or commune) office handles it, since citizens rarely need ministry-only ones.
 */
function prior(p: Procedure, maxPop: number): number {
  const pop = maxPop > 0 ? Math.log1p(p.popularity) / Math.log1p(maxPop) : 0;
  const local = p.levels.some((l) => /xã|tỉnh|huyện/i.test(l)) ? 1 : 0.85;
  return (1 + 0.25 * pop) * local;
}
