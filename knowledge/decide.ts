import type { Decision, SearchHit } from "./decision-types.js";
import { hitEvidence } from "./hit-evidence.js";
import type { Procedure } from "./procedure.js";
import type { DecisionParams } from "./search/decision-weights.js";
import type { AnalyzedQuery } from "./search/query.js";
import { loadSearchWeights } from "./search/search-weights.js";
import { bundledVagueWords, vagueAsk } from "./search/vague-words.js";
import type { RankedHit, SearchIndex } from "./search-index.js";
import { candidatesFittingConversation } from "./situation-moves.js";
import { situationRanked } from "./situation-rank.js";
import type { SituationCues } from "./situations.js";

/**
 * Thresholds of the decision, read from the weights file's `decision` section (what each is:
 * DECISION_PARAM_DOCS; refitted by `npm run kb:fit -- --decision`), exposed so benchmarks, tests
 * and the fit can reason about them.
 */
export const DECISION: DecisionParams = loadSearchWeights().decision;

/** What the decision needs from the knowledge base. */
export interface DecisionInput {
  index: SearchIndex;
  query: AnalyzedQuery;
  /** Document number of a procedure code. */
  docOf: (code: string) => number | undefined;
  /** Analyses another text the same way (used to read a follow-up together with the last topic). */
  analyze: (text: string) => AnalyzedQuery;
  /** The situations procedures are made for (a foreigner, a lost paper …), read once per base. */
  cues: SituationCues;
  /** Everyday words citizens use for a procedure beside its name's ("bằng" for a driving licence). */
  everyday?: (doc: number) => ReadonlySet<string>;
}

/** Search hits of ranked documents, scores rounded for display. */
export const toHits = (index: SearchIndex, ranked: RankedHit[]): SearchHit[] =>
  ranked.map((h) => ({ procedure: index.procedures[h.doc] as Procedure, score: round(h.score) }));

/** Rounds a score to three decimals. */
export const round = (v: number) => Math.round(v * 1000) / 1000;

/** Whether the best hit is relevant at all (enough of the message's topic is found in it). */
function relevant(hits: RankedHit[], scale: number): boolean {
  const top = hits[0];
  if (!top || top.score < DECISION.minScore * scale) return false;
  // A long story covers little of itself with any name, but naming much of one procedure is enough.
  return top.queryCoverage >= DECISION.minCoverage || top.nameCoverage >= DECISION.namedCoverage;
}

/**
 * The hits that compete with the best one (close score, relevant themselves), one per name: the
 * same procedure at another level ("… (thực hiện tại cấp tỉnh)") is no choice a citizen can make.
 */
function contenders(index: SearchIndex, hits: RankedHit[]): RankedHit[] {
  const top = hits[0];
  if (!top) return [];
  const seen = new Set<string>();
  return hits.filter((h) => {
    if (h.score < top.score * DECISION.closeRatio || h.queryCoverage < DECISION.minCoverage) return false;
    const core = index.mainWords(h.doc).join(" ");
    if (seen.has(core)) return false;
    seen.add(core);
    return true;
  });
}

/**
 * Decides on a fresh message: out of scope when nothing relevant, clarify when several close
 * candidates remain and the message does not single one out, answer otherwise.
 */
export function decideFresh(input: DecisionInput): Decision {
  return freshWithRanking(input).decision;
}

/** The fresh decision together with the ranking behind it (for context resolution). */
export function freshWithRanking(input: DecisionInput): { decision: Decision; ranked: RankedHit[] } {
  const { cues, index, query } = input;
  const ranked = situationRanked(cues, index, query, index.rank(query, 20)).slice(0, 10);
  return { decision: classify(input, ranked), ranked };
}

function classify(input: DecisionInput, ranked: RankedHit[]): Decision {
  const { index, query } = input;
  const fields = query.fields;
  const readings = vagueReadings(input);
  if (readings.length >= 2)
    return { action: "clarify", hits: toHits(index, readings), fields, followUp: false };
  if (
    !relevant(ranked, index.scale) &&
    !askFinds(input, ranked[0], (_query, best) => relevant([best], index.scale))
  )
    return { action: "out_of_scope", hits: toHits(index, ranked.slice(0, 5)), fields, followUp: false };
  const close = contenders(index, ranked);
  const top = ranked[0] as RankedHit;
  const second = ranked[1];
  const runnerUp = second?.score ?? 0;
  const ambiguous =
    query.topicTokens.length <= DECISION.clarifyMaxTopicWords &&
    runnerUp >= top.score * DECISION.clarifyRunnerUp &&
    // Candidates are only alike when the runner-up matches as much of the message as the best one.
    (second?.queryCoverage ?? 0) >= top.queryCoverage * DECISION.clarifyRunnerUp &&
    top.nameCoverage < DECISION.clarifyMaxNameCoverage &&
    close.length >= DECISION.clarifyMinContenders;
  // A runner-up made for a situation the message does not mention ("… có yếu tố nước ngoài",
  // "trình báo mất …") is no real alternative: with none other left, the best one is answered.
  const fitting = ambiguous ? fittingContenders(input, close) : close;
  if (ambiguous && (fitting.length >= 2 || fitting[0] !== top)) {
    return {
      action: "clarify",
      hits: toHits(index, (fitting.length >= 2 ? fitting : close).slice(0, DECISION.maxCandidates)),
      fields,
      followUp: false,
    };
  }
  if (
    sharesOnlySyllables(input, top) &&
    !askFinds(input, top, (query, best) => !sharesOnlySyllables({ ...input, query }, best))
  )
    return { action: "out_of_scope", hits: toHits(index, ranked.slice(0, 5)), fields, followUp: false };
  const answer: Decision = {
    action: "answer",
    hits: toHits(index, ranked.slice(0, 5)),
    fields,
    followUp: false,
  };
  const others = otherAsks(input, ranked);
  if (others.length > 0) answer.alsoAsked = toHits(index, others);
  return answer;
}

/**
 * The best procedure of each reading of a vague everyday word the message rests on alone ("làm
 * lại sổ": the land book or the social-insurance book), when at least two readings find one.
 */
function vagueReadings(input: DecisionInput): RankedHit[] {
  const { cues, index, query } = input;
  const vague = vagueAsk(bundledVagueWords(), query.tokens, query.topicTokens);
  if (!vague) return [];
  const found: RankedHit[] = [];
  for (const reading of vague.readings) {
    const text = [...query.tokens.slice(0, vague.start), reading, ...query.tokens.slice(vague.end)].join(" ");
    const read = input.analyze(text);
    const best = situationRanked(cues, index, read, index.rank(read, 10))[0];
    if (best && relevant([best], index.scale) && !found.some((h) => h.doc === best.doc)) found.push(best);
  }
  return found;
}

/** The contenders not made for an exceptional situation the message leaves unsaid. */
function fittingContenders(input: DecisionInput, close: RankedHit[]): RankedHit[] {
  const kept = new Set(
    candidatesFittingConversation(
      input,
      close.map((h) => h.doc),
      [],
    ),
  );
  return close.filter((h) => kept.has(h.doc));
}

/**
 * Whether one ask of a longer message, read alone, finds this same procedure and passes `test`
 * there: "đổi tên cho con gái 8 tuổi" is plainly asked, however long the reason told after it.
 */
function askFinds(
  input: DecisionInput,
  top: RankedHit | undefined,
  test: (query: AnalyzedQuery, best: RankedHit) => boolean,
): boolean {
  const { index, query } = input;
  const asks = query.asks ?? [];
  if (!top) return false;
  return asks.some((span) => {
    if (span.end - span.start >= query.tokens.length) return false;
    const alone = input.analyze(query.tokens.slice(span.start, span.end).join(" "));
    const best = index.rank(alone, 1)[0];
    return best?.doc === top.doc && test(alone, best);
  });
}

/**
 * Whether the best hit matches the message only through loose syllables ("tàu cá" against a name
 * with "tàu" and "cá" in other words): its name holds few of the message's word pairs, the
 * message names little of it, and its score is low. A person would not call that a match.
 */
function sharesOnlySyllables(input: DecisionInput, top: RankedHit): boolean {
  const { index, query } = input;
  if (top.nameCoverage >= DECISION.weakNameCoverage || top.score >= DECISION.weakScore * index.scale)
    return false;
  const long = query.tokens.length > DECISION.weakLongTokens;
  const floor = long ? DECISION.weakLongPairCoverage : DECISION.weakPairCoverage;
  const evidence = hitEvidence(index, query, top);
  // No word pair the corpus knows and mostly words no procedure uses ("xyz abc qwe"): whatever
  // single syllable matched is chance.
  const unknown = query.topicTokens.filter((t) => !index.knows(t)).length;
  if (evidence.knownPairs === 0 && unknown * 2 >= query.topicTokens.length && unknown > 0) return true;
  return evidence.pairCoverage < floor;
}

/**
 * Whether one ask of the message, read alone, names this procedure as a new topic would (well
 * covered, strong score, much of its name): then a topic handled elsewhere that the rest of the
 * message mentions ("anh ấy đã ly hôn", "đền bù") is backstory, not what is asked.
 */
export function askNames(input: DecisionInput, doc: number, spans = input.query.asks ?? []): boolean {
  const { index, query } = input;
  return spans.some((span) => {
    const best = index.rank(input.analyze(query.tokens.slice(span.start, span.end).join(" ")), 1)[0];
    return (
      best?.doc === doc &&
      best.queryCoverage >= DECISION.newTopicCoverage &&
      best.score >= DECISION.newTopicScore * index.scale &&
      best.nameCoverage >= DECISION.alsoAskedNameCoverage
    );
  });
}

/**
 * The best procedure of each ask of the message that points elsewhere than the answer, when that
 * ask alone would start a new topic (well covered, strong score) and the whole message ranks it
 * high too: a second question kept, not lost.
 */
function otherAsks(input: DecisionInput, ranked: RankedHit[]): RankedHit[] {
  const { index, query } = input;
  const asks = query.asks ?? [];
  if (asks.length < 2) return [];
  const found: RankedHit[] = [];
  for (const span of asks) {
    const best = index.rank(input.analyze(query.tokens.slice(span.start, span.end).join(" ")), 1)[0];
    if (!best || best.doc === ranked[0]?.doc || found.some((h) => h.doc === best.doc)) continue;
    if (!ranked.some((h) => h.doc === best.doc)) continue;
    if (best.queryCoverage < DECISION.newTopicCoverage || best.score < DECISION.newTopicScore * index.scale)
      continue;
    // The ask must name the procedure, not just touch it ("bao lâu có biển số" after a registration).
    if (best.nameCoverage < DECISION.alsoAskedNameCoverage) continue;
    found.push(best);
  }
  return found.slice(0, DECISION.maxAlsoAsked);
}
