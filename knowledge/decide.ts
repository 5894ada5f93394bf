import type { Decision, SearchContext, SearchHit } from "./decision-types.js";
import { resolveFollowUp } from "./follow-up.js";
import type { Procedure } from "./procedure.js";
import type { AnalyzedQuery } from "./search/query.js";
import type { RankedHit, SearchIndex } from "./search-index.js";

/** Thresholds of the decision, exposed so benchmarks and tests can reason about them. */
export const DECISION = {
  /** Below this share of topic words found in the best hit, nothing relevant was found. */
  minCoverage: 0.2,
  /** Below this score (in units of the corpus's highest idf) the best hit is noise. */
  minScore: 0.3,
  /** Hits within this ratio of the best one compete with it. */
  closeRatio: 0.8,
  /**
   * Clarify only a short, generic message (at most this many topic words: "xin giấy phép",
   * "làm thẻ bhyt") whose runner-up is this close and whose best name is this poorly covered…
   */
  clarifyMaxTopicWords: 4,
  clarifyRunnerUp: 0.75,
  clarifyMaxNameCoverage: 0.7,
  /** …and at least this many hits compete; a longer message says enough to answer its best match. */
  clarifyMinContenders: 2,
  /** A clarify question offers at most this many candidates. */
  maxCandidates: 5,
  /** A message after an answer starts a new topic only when its own best hit is this good. */
  newTopicCoverage: 0.6,
  newTopicScore: 1.35,
  /** At most this many other asks of one message are kept besides the answer. */
  maxAlsoAsked: 2,
  /** …each naming this share of its procedure's name. */
  alsoAskedNameCoverage: 0.5,
  /** A refinement picks a candidate when it beats the next one by this ratio. */
  refineMargin: 1.15,
} as const;

const ORDINALS: Array<[RegExp, number]> = [
  [/\b(thu nhat|dau tien|so 1|cai 1|so mot|cai mot)\b/, 0],
  [/\b(thu hai|thu 2|so 2|cai 2|so hai|cai hai)\b/, 1],
  [/\b(thu ba|thu 3|so 3|cai 3|so ba|cai ba)\b/, 2],
  [/\b(thu tu|thu 4|so 4|cai 4|so bon)\b/, 3],
  [/\b(thu nam|thu 5|so 5|cai 5|so nam)\b/, 4],
];

/** What the decision needs from the knowledge base. */
export interface DecisionInput {
  index: SearchIndex;
  query: AnalyzedQuery;
  /** Document number of a procedure code. */
  docOf: (code: string) => number | undefined;
  /** Analyses another text the same way (used to read a follow-up together with the last topic). */
  analyze: (text: string) => AnalyzedQuery;
}

const toHits = (index: SearchIndex, ranked: RankedHit[]): SearchHit[] =>
  ranked.map((h) => ({ procedure: index.procedures[h.doc] as Procedure, score: round(h.score) }));

const round = (v: number) => Math.round(v * 1000) / 1000;

/** Whether the best hit is relevant at all (enough of the message's topic is found in it). */
function relevant(hits: RankedHit[], scale: number): boolean {
  const top = hits[0];
  return !!top && top.queryCoverage >= DECISION.minCoverage && top.score >= DECISION.minScore * scale;
}

/** The hits that compete with the best one (close score, relevant themselves). */
function contenders(hits: RankedHit[]): RankedHit[] {
  const top = hits[0];
  if (!top) return [];
  return hits.filter(
    (h) => h.score >= top.score * DECISION.closeRatio && h.queryCoverage >= DECISION.minCoverage,
  );
}

/**
 * Decides on a fresh message: out of scope when nothing relevant, clarify when several close
 * candidates remain and the message does not single one out, answer otherwise.
 */
export function decideFresh(input: DecisionInput): Decision {
  return freshWithRanking(input).decision;
}

/** The fresh decision together with the ranking behind it (for context resolution). */
function freshWithRanking(input: DecisionInput): { decision: Decision; ranked: RankedHit[] } {
  const ranked = input.index.rank(input.query, 10);
  return { decision: classify(input, ranked), ranked };
}

function classify(input: DecisionInput, ranked: RankedHit[]): Decision {
  const { index, query } = input;
  const fields = query.fields;
  if (!relevant(ranked, index.scale))
    return { action: "out_of_scope", hits: toHits(index, ranked.slice(0, 5)), fields, followUp: false };
  const close = contenders(ranked);
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
  if (ambiguous) {
    return {
      action: "clarify",
      hits: toHits(index, close.slice(0, DECISION.maxCandidates)),
      fields,
      followUp: false,
    };
  }
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

/**
 * Decides with the conversation context: a refinement of clarify candidates is resolved among
 * them, an aspect-only question goes to the last answered procedure, a new topic starts afresh.
 */
export function decide(input: DecisionInput, context: SearchContext = {}): Decision {
  const { index, query } = input;
  const { decision: fresh, ranked } = freshWithRanking(input);
  const candidates = (context.candidateCodes ?? [])
    .map((c) => input.docOf(c))
    .filter((d): d is number => d !== undefined);
  if (candidates.length > 0) {
    const refined = refine(input, candidates, fresh);
    if (refined) return refined;
  }
  const last = context.lastCode !== undefined ? input.docOf(context.lastCode) : undefined;
  if (last === undefined) return fresh;
  const resolution = resolveFollowUp(input, last, ranked, fresh.action);
  if (resolution.kind === "fresh" && fresh.action === "clarify") {
    const settled = settleWithConversation(input, fresh, last, context.recentCodes ?? []);
    if (settled) return settled;
  }
  if (resolution.kind === "sibling") {
    return {
      action: "answer",
      hits: toHits(index, resolution.ranked.slice(0, 5)),
      fields: query.fields,
      followUp: true,
    };
  }
  if (resolution.kind === "stay") {
    const others = fresh.hits.filter((h) => h.procedure.code !== context.lastCode);
    return {
      action: "answer",
      hits: [
        { procedure: index.procedures[last] as Procedure, score: fresh.hits[0]?.score ?? 1 },
        ...others,
      ].slice(0, 5),
      fields: query.fields,
      followUp: true,
    };
  }
  return fresh;
}

/**
 * Lets the conversation settle an ambiguous new question: a candidate discussed earlier wins
 * ("quay lại vụ khai tử"), otherwise the only candidate in the same field as the last procedure
 * ("giờ muốn đóng cửa luôn" after registering a household business).
 */
function settleWithConversation(
  input: DecisionInput,
  fresh: Decision,
  last: number,
  recentCodes: string[],
): Decision | undefined {
  const { index, query } = input;
  const docs = fresh.hits
    .map((h) => input.docOf(h.procedure.code))
    .filter((d): d is number => d !== undefined);
  const recent = docs.find((d) => recentCodes.includes((index.procedures[d] as Procedure).code));
  if (recent !== undefined)
    return answerWith(index, [recent, ...docs.filter((d) => d !== recent)], query, true);
  const field = (index.procedures[last] as Procedure).field;
  const sameField = docs.filter((d) => field !== "" && (index.procedures[d] as Procedure).field === field);
  const [only] = sameField;
  if (sameField.length === 1 && only !== undefined) {
    return answerWith(index, [only, ...docs.filter((d) => d !== only)], query, true);
  }
  return undefined;
}

/** Resolves a message against the candidates of the previous clarify question, when it picks one. */
function refine(input: DecisionInput, candidates: number[], fresh: Decision): Decision | undefined {
  const { index, query } = input;
  const text = query.tokens.join(" ");
  for (const [pattern, position] of ORDINALS) {
    const doc = candidates[position];
    if (doc !== undefined && pattern.test(text)) return answerWith(index, [doc], query, true);
  }
  const restricted = index.rank(query, candidates.length, new Set(candidates));
  const top = restricted[0];
  if (!top) return undefined;
  const second = restricted[1];
  const freshTop = fresh.hits[0];
  const freshOutside =
    fresh.action !== "out_of_scope" &&
    freshTop &&
    !candidates.some((d) => index.procedures[d] === freshTop.procedure);
  if (freshOutside && (freshTop?.score ?? 0) > top.score * 1.6) return undefined;
  if (!second || top.score >= second.score * DECISION.refineMargin) {
    return answerWith(index, [top.doc, ...restricted.slice(1).map((h) => h.doc)], query, true, top.score);
  }
  return {
    action: "clarify",
    hits: toHits(index, restricted.filter((h) => h.score >= top.score / DECISION.refineMargin).slice(0, 5)),
    fields: query.fields,
    followUp: true,
  };
}

function answerWith(
  index: SearchIndex,
  docs: number[],
  query: AnalyzedQuery,
  followUp: boolean,
  score = 1,
): Decision {
  return {
    action: "answer",
    hits: docs.slice(0, 5).map((d) => ({ procedure: index.procedures[d] as Procedure, score: round(score) })),
    fields: query.fields,
    followUp,
  };
}
