import { accentKeysOf, foldTokens } from "./normalize.js";
import type { Procedure } from "./procedure.js";
import { spelledOutName } from "./search/abbreviations.js";
import { namesOrganisation, servesOrganisationsOnly } from "./search/audience.js";
import { BodyIndex } from "./search/body-index.js";
import { type AnalyzedQuery, expansionWords } from "./search/query.js";
import { SyllableReadings } from "./search/readings.js";
import { reissuePopularity } from "./search/reissue-families.js";
import type { ScoreExplanation, TermContribution } from "./search/score-explanation.js";
import { loadSearchWeights, type RankParams } from "./search/search-weights.js";
import { sortedIndex } from "./search/sorted-index.js";
import { topByKey } from "./search/top-by-key.js";
import { nameMarkers, queryMarkers, variantFactor, withoutDefaultAudience } from "./search/variants.js";

/**
 * Ranking weights, read from assets/search-weights.json (what each is: RANK_PARAM_DOCS) and
 * fitted on the TUNE part of the dev questions by `npm run kb:fit`; read at use, so a fit can set them.
 */
export const RANK_PARAMS: RankParams = loadSearchWeights().rank;

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
  /** Per document: sorted name term ids, sum of name unigram idf, variant markers, prior factor. */
  private readonly nameTerms: Int32Array[] = [];
  private readonly nameWordLists: string[][] = [];
  /** Per document: the folded words of its name outside brackets. */
  private readonly mainWordLists: string[][] = [];
  /** Per document: sorted term ids of its default audience's words, which name nothing it does. */
  private readonly audienceTerms: Int32Array[] = [];
  /** Per document: accent keys of name and alias words and pairs. */
  private readonly accentKeys: Set<string>[] = [];
  private readonly readings: SyllableReadings;
  private readonly nameMass: Float64Array;
  private readonly variantMarkers: number[][] = [];
  /** Per document: 1 when only organisations may use the procedure. */
  private readonly organisationOnly: Uint8Array;
  private readonly priors: Float64Array;
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;
  /** Body text as weak evidence; absent when its weight is 0. */
  private readonly body: BodyIndex | undefined;

  constructor(readonly procedures: readonly Procedure[]) {
    const n = procedures.length;
    const postings: Posting[] = [];
    const nameDf: number[] = [];
    const bigram: boolean[] = [];
    const nameLengths: number[] = [];
    const nameTermLists: number[][] = [];
    const coreLists: Set<string>[] = [];
    const audienceLists: string[][] = [];
    const maxPop = procedures.reduce((m, p) => Math.max(m, p.popularity), 0);
    this.organisationOnly = Uint8Array.from(procedures, (p) => (servesOrganisationsOnly(p) ? 1 : 0));
    this.readings = new SyllableReadings(procedures.map((p) => p.name));
    this.priors = new Float64Array(n);
    procedures.forEach((p, doc) => {
      const perDoc = new Map<number, number>();
      const nameIds = new Set<number>();
      const nameTokens = foldTokens(p.name);
      this.nameWordLists.push(nameTokens);
      const outside = foldTokens(p.name.replace(/\([^)]*\)/g, " "));
      this.mainWordLists.push(outside);
      const coreWords = new Set(withoutDefaultAudience(outside));
      audienceLists.push(outside.filter((w) => !coreWords.has(w)));
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
      this.accentKeys.push(new Set([p.name, ...p.aliases].flatMap(accentKeysOf)));
      addText(nameTokens, 1, true);
      for (const alias of p.aliases) addText(foldTokens(alias), 1, true);
      const spelled = spelledOutName(nameTokens);
      if (spelled) addText(spelled, 1, true);
      addText(foldTokens(p.field), RANK_PARAMS.auxField, false);
      // Results are often one paper's name but sometimes a paragraph: keep their first words.
      for (const r of p.results.slice(0, 3))
        addText(foldTokens(r).slice(0, 12), RANK_PARAMS.auxResult, false);
      addText(foldTokens([...p.agencies, p.authority].join(" , ")), RANK_PARAMS.auxAgency, false);
      // Parenthesised enumerations ("(Công trình không theo tuyến/…)") do not dilute a name.
      nameLengths.push(Math.max(coreWords.size, 1));
      for (const [id, w] of perDoc) {
        const post = postings[id] as Posting;
        post.docs.push(doc);
        post.weights.push(w);
      }
      for (const id of nameIds) nameDf[id] = (nameDf[id] as number) + 1;
      nameTermLists.push([...nameIds].sort((a, b) => a - b));
      coreLists.push(coreWords);
      this.variantMarkers.push(nameMarkers(nameTokens, p.name));
    });
    const renewed = reissuePopularity(
      this.mainWordLists,
      procedures.map((p) => p.popularity),
    );
    procedures.forEach((p, doc) => {
      this.priors[doc] = prior(p, maxPop, renewed[doc] ?? 0);
    });
    const { k1, b } = RANK_PARAMS;
    const avgLength = nameLengths.reduce((a, v) => a + v, 0) / (n || 1) || 1;
    const lengthNorm = nameLengths.map((len) => (k1 + 1) / (1 + k1 * (1 - b + (b * len) / avgLength)));
    this.idf = new Float64Array(postings.length);
    let maxIdf = 0;
    postings.forEach((post, id) => {
      const df = Math.max(nameDf[id] as number, post.docs.length * 0.5, 1);
      const v = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      this.idf[id] = v;
      if (v > maxIdf) maxIdf = v;
      this.postDocs.push(Int32Array.from(post.docs));
      this.postWeights.push(
        Float32Array.from(post.weights, (w, k) => w * (lengthNorm[post.docs[k] as number] as number)),
      );
    });
    this.maxIdf = maxIdf || 1;
    this.nameMass = new Float64Array(n);
    nameTermLists.forEach((ids, doc) => {
      this.nameTerms.push(Int32Array.from(ids));
      const audience = (audienceLists[doc] as string[]).map((w) => this.termIds.get(w) as number);
      this.audienceTerms.push(Int32Array.from(new Set(audience)).sort());
      let mass = 0;
      const core = coreLists[doc] as Set<string>;
      for (const w of core) mass += this.idf[this.termIds.get(w) as number] as number;
      this.nameMass[doc] = mass;
    });
    this.acc = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.body =
      RANK_PARAMS.auxBody > 0 || RANK_PARAMS.bodyCoverage > 0
        ? new BodyIndex(
            procedures,
            { weight: RANK_PARAMS.auxBody, tokensPerSection: RANK_PARAMS.bodyTokens, k1, b },
            (doc, term) => {
              const id = this.termIds.get(term);
              return id !== undefined && this.postingIndex(id, doc) >= 0;
            },
          )
        : undefined;
  }

  /** The idf of a term; words the corpus never uses count as fairly (not maximally) informative. */
  idfOf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? this.maxIdf * RANK_PARAMS.unknownWord : (this.idf[id] as number);
  }

  /** Score scale of this corpus (idf of the rarest word), so thresholds work for any corpus size. */
  get scale(): number {
    return this.maxIdf;
  }

  /** The folded words of a procedure's name. */
  nameWords(doc: number): readonly string[] {
    return this.nameWordLists[doc] ?? [];
  }

  /** The folded words of a procedure's name outside brackets (its level or list of cases is not its topic). */
  mainWords(doc: number): readonly string[] {
    return this.mainWordLists[doc] ?? [];
  }

  /** Whether a word occurs in any procedure name. */
  knows(term: string): boolean {
    return this.termIds.has(term);
  }

  /**
   * Ranks procedures for an analysed message: weighted idf accumulation over the postings, then a
   * rescoring of the best candidates by name coverage, topic coverage, variant markers and priors.
   * `restrictTo` limits ranking to some documents (refinement among clarify candidates);
   * `explain`, when given, receives each rescored document's score breakdown (kb:search --explain).
   */
  rank(
    query: AnalyzedQuery,
    limit: number,
    restrictTo?: ReadonlySet<number>,
    explain?: Map<number, ScoreExplanation>,
  ): RankedHit[] {
    const { acc, touched } = this;
    let touchedCount = 0;
    const ids: number[] = [];
    const weights: number[] = [];
    // A few allowed documents (a follow-up checked against the last answer): look them up in each
    // posting list instead of walking every list; the sums are the same.
    const few =
      restrictTo !== undefined && restrictTo.size <= FEW_DOCS
        ? [...restrictTo].sort((a, b) => a - b)
        : undefined;
    const add = (docs: Int32Array, dws: Float32Array, w: number) => {
      if (few) {
        for (const d of few) {
          const k = sortedIndex(docs, d);
          if (k < 0) continue;
          if (acc[d] === 0) touched[touchedCount++] = d;
          acc[d] = (acc[d] as number) + w * (dws[k] as number) + 1e-9;
        }
        return;
      }
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k] as number;
        if (acc[d] === 0) touched[touchedCount++] = d;
        acc[d] = (acc[d] as number) + w * (dws[k] as number) + 1e-9;
      }
    };
    for (const qt of query.terms) {
      const id = this.termIds.get(qt.term);
      ids.push(id ?? -1);
      weights.push(qt.weight);
      if (id !== undefined)
        add(
          this.postDocs[id] as Int32Array,
          this.postWeights[id] as Float32Array,
          qt.weight * (this.idf[id] as number),
        );
      const bodyId = this.body ? this.body.termId(qt.term) : -1;
      if (bodyId >= 0) {
        const { docs, weights: bws } = (this.body as BodyIndex).posting(bodyId);
        add(docs, bws, qt.weight * (this.body as BodyIndex).idfOf(bodyId));
      }
    }
    const candidates: number[] = [];
    for (let k = 0; k < touchedCount; k++) {
      const d = touched[k] as number;
      if (!restrictTo || restrictTo.has(d)) candidates.push(d);
    }
    const top = topByKey(candidates, Math.max(RANK_PARAMS.rerank, limit), acc, this.priors);
    const slotMass = this.slotMasses(query);
    const totalSlotMass = slotMass.reduce((s, v) => s + v, 0);
    const pairIds: number[] = [];
    for (let i = 0; i + 1 < query.tokens.length; i++) {
      pairIds.push(this.termIds.get(`${query.tokens[i]} ${query.tokens[i + 1]}`) ?? -1);
    }
    // Markers are phrases: look for them in the typed order and in the dictionary's official words.
    const typed = queryMarkers(query.tokens);
    const official = queryMarkers(expansionWords(query));
    const qMask = typed.map((v, i) => v | (official[i] as number));
    const forPeople = !namesOrganisation(query.tokens);
    const context = query.accents ? undefined : this.contextReadings(query);
    const hits = top.map((d) =>
      this.rescore(
        d,
        acc[d] as number,
        query,
        ids,
        pairIds,
        slotMass,
        totalSlotMass,
        qMask,
        forPeople,
        context,
        explain,
      ),
    );
    for (let k = 0; k < touchedCount; k++) acc[touched[k] as number] = 0;
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, limit);
  }

  /**
   * Readings the neighbours allow for the ambiguous syllables of an unaccented message; words of
   * a dictionary phrase ("so do" for "sổ đỏ") are left out, the dictionary already read them.
   */
  private contextReadings(query: AnalyzedQuery): Map<string, Set<string>> {
    const expanded = new Set<number>();
    for (const qt of query.terms) if (qt.expansion) expanded.add(qt.slot);
    const inPhrase = new Set<string>();
    for (const qt of query.terms)
      if (!qt.expansion && expanded.has(qt.slot) && !qt.term.includes(" ")) inPhrase.add(qt.term);
    return this.readings.inContext(
      query.tokens,
      query.tokens.map((t) => inPhrase.has(t)),
    );
  }

  /** The stored weight of a term in a document (0 when absent). */
  private postingWeight(id: number, d: number): number {
    const k = this.postingIndex(id, d);
    return k < 0 ? 0 : ((this.postWeights[id] as Float32Array)[k] as number);
  }

  /** Where a document sits in a term's posting list (sorted by document), -1 when absent. */
  private postingIndex(id: number, d: number): number {
    return sortedIndex(this.postDocs[id] as Int32Array, d);
  }

  private slotMasses(query: AnalyzedQuery): number[] {
    // A dictionary phrase's slot weighs what its official words weigh: the everyday words typed
    // ("mất rồi") are rare in names and would otherwise make the slot look unanswerable.
    const mass = new Array<number>(query.slotCount).fill(0);
    const expanded = new Array<boolean>(query.slotCount).fill(false);
    for (const qt of query.terms) if (qt.slot >= 0 && qt.expansion) expanded[qt.slot] = true;
    for (const qt of query.terms) {
      if (qt.slot < 0 || qt.term.includes(" ")) continue;
      if (expanded[qt.slot] && !qt.expansion) continue;
      mass[qt.slot] = Math.max(mass[qt.slot] as number, this.idfOf(qt.term));
    }
    // A backstory word matters less than the ask's words for whether a procedure covers the message.
    const focus = query.slotFocus;
    if (focus) for (let s = 0; s < mass.length; s++) mass[s] = (mass[s] as number) * (focus[s] ?? 1);
    return mass;
  }

  private rescore(
    d: number,
    raw: number,
    query: AnalyzedQuery,
    ids: number[],
    pairIds: number[],
    slotMass: number[],
    totalSlotMass: number,
    qMask: Uint8Array,
    forPeople: boolean,
    context: Map<string, Set<string>> | undefined,
    explain?: Map<number, ScoreExplanation>,
  ): RankedHit {
    const names = this.nameTerms[d] as Int32Array;
    const given = raw;
    const slotCredit = new Array<number>(slotMass.length).fill(0);
    const accents = query.accents;
    const docAccents = this.accentKeys[d] as Set<string>;
    let nameHit = 0;
    const body = RANK_PARAMS.bodyCoverage > 0 ? this.body : undefined;
    query.terms.forEach((qt, k) => {
      const id = ids[k] as number;
      if (id < 0 || !has(names, id)) {
        // A word of the message the procedure's own text uses covers part of its slot.
        if (body && qt.slot >= 0 && !qt.term.includes(" ")) {
          const bodyId = body.termId(qt.term);
          if (bodyId >= 0 && body.holds(bodyId, d)) {
            const share = Math.min(1, body.idfOf(bodyId) / ((slotMass[qt.slot] as number) || 1));
            const credit = RANK_PARAMS.bodyCoverage * share;
            if (credit > (slotCredit[qt.slot] as number)) slotCredit[qt.slot] = credit;
          }
        }
        return;
      }
      let idf = this.idf[id] as number;
      // A message typed with diacritics that names another word with the same letters ("mại"
      // for "mai táng") only matches by accident: most of that match is taken back.
      const typed = qt.expansion ? undefined : accents?.get(qt.term);
      if (typed && ![...typed].some((key) => docAccents.has(key))) {
        const lost = (1 - RANK_PARAMS.accentMismatch) * qt.weight * idf * this.postingWeight(id, d);
        raw = Math.max(raw - lost, raw * 0.05);
        idf *= RANK_PARAMS.accentMismatch;
      } else if (!typed && !qt.expansion && context) {
        const allowed = context.get(qt.term);
        if (allowed && ![...allowed].some((key) => docAccents.has(key))) {
          const share = RANK_PARAMS.contextReading;
          raw = Math.max(raw - share * qt.weight * idf * this.postingWeight(id, d), raw * 0.05);
          idf *= 1 - share;
        }
      }
      if (!qt.term.includes(" ") && !has(this.audienceTerms[d] as Int32Array, id))
        nameHit += idf * Math.min(1, qt.weight + 0.2);
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
    let run = 0;
    let bestRun = 0;
    for (const id of pairIds) {
      run = id >= 0 && has(names, id) ? run + 1 : 0;
      if (run > bestRun) bestRun = run;
    }
    const nameCoverage = Math.min(1, nameHit / (this.nameMass[d] || 1));
    const byName = RANK_PARAMS.nameCoverageFloor + (1 - RANK_PARAMS.nameCoverageFloor) * nameCoverage;
    const byTopic = RANK_PARAMS.queryCoverageFloor + (1 - RANK_PARAMS.queryCoverageFloor) * queryCoverage;
    const byPrior = this.priors[d] as number;
    const byVariant =
      variantFactor(this.variantMarkers[d] ?? [], qMask) *
      (forPeople && this.organisationOnly[d] === 1 ? RANK_PARAMS.organisationOnly : 1);
    const byRun = 1 + RANK_PARAMS.phraseRun * Math.min(Math.max(bestRun - 1, 0), 5);
    const score = raw * byName * byTopic * byPrior * byVariant * byRun;
    if (explain)
      explain.set(d, {
        score,
        raw,
        terms: this.termContributions(d, query, ids, raw - given),
        factors: [
          { feature: "nameCoverage", value: nameCoverage, factor: byName },
          { feature: "queryCoverage", value: queryCoverage, factor: byTopic },
          { feature: "prior", value: this.procedures[d]?.popularity ?? 0, factor: byPrior },
          { feature: "variant", factor: byVariant },
          { feature: "phraseRun", value: bestRun, factor: byRun },
        ],
      });
    return { doc: d, score, queryCoverage, nameCoverage };
  }

  /** Each message term's share of a document's raw score, plus what diacritic checks took back. */
  private termContributions(
    d: number,
    query: AnalyzedQuery,
    ids: number[],
    adjustment: number,
  ): TermContribution[] {
    const names = this.nameTerms[d] as Int32Array;
    const out: TermContribution[] = [];
    query.terms.forEach((qt, k) => {
      const id = ids[k] as number;
      const weight = id < 0 ? 0 : this.postingWeight(id, d);
      if (weight === 0) return;
      out.push({
        feature: qt.expansion ? `${qt.term} (synonym)` : qt.term,
        where: has(names, id) ? "name" : "other",
        contribution: qt.weight * (this.idf[id] as number) * weight,
      });
    });
    if (this.body) {
      const body = this.body;
      for (const qt of query.terms) {
        const id = body.termId(qt.term);
        const weight = id < 0 ? 0 : body.weightIn(id, d);
        if (weight > 0)
          out.push({
            feature: `${qt.term} (body)`,
            where: "other",
            contribution: qt.weight * body.idfOf(id) * weight,
          });
      }
    }
    if (adjustment !== 0) out.push({ feature: "diacritics read another word", contribution: adjustment });
    return out;
  }
}

/** Whether a sorted id list holds an id. */
function has(sorted: Int32Array, id: number): boolean {
  return sortedIndex(sorted, id) >= 0;
}

/**
 * Prior belief that a citizen means this procedure: national-portal popularity (at least that of
 * its own renewal) and whether a local (province or commune) office handles it, since citizens
 * rarely need ministry-only ones.
 */
function prior(p: Procedure, maxPop: number, renewed: number): number {
  const used = Math.max(p.popularity, renewed);
  const pop = maxPop > 0 ? Math.log1p(used) / Math.log1p(maxPop) : 0;
  const local = p.levels.some((l) => /xã|tỉnh|huyện/i.test(l)) ? 1 : RANK_PARAMS.centralOnly;
  const commune = p.levels.some((l) => /xã/i.test(l)) ? RANK_PARAMS.commune : 1;
  return (1 + RANK_PARAMS.popularity * pop) * local * commune;
}

/** Up to this many allowed documents are looked up directly instead of walking the posting lists. */
const FEW_DOCS = 16;
