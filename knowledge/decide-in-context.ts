import { askNames, DECISION, type DecisionInput, freshWithRanking, round, toHits } from "./decide.js";
import type { Decision, SearchContext } from "./decision-types.js";
import { FOLLOW_UP, resolveFollowUp } from "./follow-up.js";
import type { Procedure } from "./procedure.js";
import { bundledAskCues, cueAt } from "./search/ask-cues.js";
import type { AnalyzedQuery } from "./search/query.js";
import type { RankedHit, SearchIndex } from "./search-index.js";
import {
  addsOnlySituation,
  candidatesFittingConversation,
  coreWords,
  variantForSituation,
} from "./situation-moves.js";

const ORDINALS: Array<[RegExp, number]> = [
  [/\b(thu nhat|dau tien|so 1|cai 1|so mot|cai mot)\b/, 0],
  [/\b(thu hai|thu 2|so 2|cai 2|so hai|cai hai)\b/, 1],
  [/\b(thu ba|thu 3|so 3|cai 3|so ba|cai ba)\b/, 2],
  [/\b(thu tu|thu 4|so 4|cai 4|so bon)\b/, 3],
  [/\b(thu nam|thu 5|so 5|cai 5|so nam)\b/, 4],
];

/**
 * Decides with the conversation context: a refinement of clarify candidates is resolved among
 * them, an aspect-only question goes to the last answered procedure, a new topic starts afresh.
 */
export function decide(input: DecisionInput, context: SearchContext = {}): Decision {
  const { query } = input;
  const { decision: fresh, ranked } = freshWithRanking(input);
  const candidates = (context.candidateCodes ?? [])
    .map((c) => input.docOf(c))
    .filter((d): d is number => d !== undefined);
  if (candidates.length > 0) {
    const refined = refine(input, candidates, fresh);
    if (refined) return refined;
    // Choices are open and the message neither picks one nor names a topic ("thế lệ phí bao
    // nhiêu"): ask again rather than answer a procedure nobody chose.
    if (!startsNewTopic(input, fresh)) return askAgain(input, candidates);
  }
  // An aspect-only question right after an out-of-scope one is about that topic, not an older one.
  if (context.lastOutOfScope && query.topicTokens.length === 0)
    return { action: "out_of_scope", hits: [], fields: query.fields, followUp: true };
  const last = context.lastCode !== undefined ? input.docOf(context.lastCode) : undefined;
  if (last === undefined) return fresh;
  // "để kết hôn với người nước ngoài" after a certificate says what it is for: the same paper
  // ("để đăng ký kết hôn thì cần gì" asks about the purpose itself: it has an ask).
  if (cueAt(bundledAskCues(), "purpose", query.tokens, 0) > 0 && !asksAnything(query)) {
    const variant = variantForSituation(input, last);
    return { ...(variant ? answerRanked(input, variant) : stayOn(input, last, fresh)), purpose: true };
  }
  // A new topic the ask itself names well ("… thì đổi thẻ căn cước ở đâu") is not a follow-up,
  // whatever the story before it repeats of the last one.
  const named = fresh.action === "answer" ? ranked[0] : undefined;
  if (named && named.doc !== last && askNames(input, named.doc)) return fresh;
  const resolution = resolveFollowUp(input, last, ranked, fresh.action);
  const onlySituation = addsOnlySituation(input, last);
  if (resolution.kind !== "fresh" || onlySituation) {
    // A follow-up that adds a situation (a foreigner, a child's age, a lost paper) moves to the
    // variant of the same topic made for it, or stays when the last procedure is that variant.
    const variant = variantForSituation(input, last);
    if (variant) return answerRanked(input, variant);
    if (onlySituation && resolution.kind !== "sibling") return stayOn(input, last, fresh);
  }
  if (resolution.kind === "fresh" && fresh.action === "clarify") {
    const settled = settleWithConversation(input, fresh, last, context.recentCodes ?? []);
    if (settled) return settled;
  }
  if (resolution.kind === "sibling") {
    // A sibling made for a case nobody mentioned ("… cho người được miễn thị thực") is no sibling.
    const [sibling] = resolution.ranked;
    const fits = sibling && candidatesFittingConversation(input, [sibling.doc], [last]).length > 0;
    if (fits) return answerRanked(input, resolution.ranked);
    return fresh.action === "answer" ? fresh : stayOn(input, last, fresh);
  }
  if (resolution.kind === "stay") return stayOn(input, last, fresh);
  return fresh;
}

/**
 * Whether a message asks something itself (a part of a procedure, an ask cue, or "… thì …?"); an
 * ask only guessed from where the message ends does not count.
 */
function asksAnything(query: AnalyzedQuery): boolean {
  if (query.fields.length > 0) return true;
  const cues = bundledAskCues();
  return query.tokens.some(
    (_, i) => cueAt(cues, "ask", query.tokens, i) > 0 || cueAt(cues, "split", query.tokens, i) > 0,
  );
}

/** A follow-up answered with ranked hits (a variant or a sibling of the last topic), best first. */
function answerRanked(input: DecisionInput, ranked: RankedHit[]): Decision {
  return {
    action: "answer",
    hits: toHits(input.index, ranked.slice(0, 5)),
    fields: input.query.fields,
    followUp: true,
  };
}

/** Answers the last procedure again (an aspect question about it), the fresh hits after it. */
function stayOn(input: DecisionInput, last: number, fresh: Decision): Decision {
  const { index, query } = input;
  const lastProcedure = index.procedures[last] as Procedure;
  const others = fresh.hits.filter((h) => h.procedure.code !== lastProcedure.code);
  return {
    action: "answer",
    hits: [{ procedure: lastProcedure, score: fresh.hits[0]?.score ?? 1 }, ...others].slice(0, 5),
    fields: query.fields,
    followUp: true,
  };
}

/**
 * Lets the conversation settle an ambiguous new question: a candidate discussed earlier wins
 * ("quay lại vụ khai tử"), otherwise the only candidate not made for a situation nobody mentioned
 * ("xin luôn hộ chiếu cho cháu": not the report of a lost passport), otherwise the only candidate
 * naming every topic word of the message, otherwise the only candidate naming the last topic ("thế còn xóa đăng ký" after temporary residence), otherwise the only one
 * in the same field as the last procedure ("giờ muốn đóng cửa luôn" after a household business).
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
  const discussed = [last, ...recentCodes.map((c) => input.docOf(c)).filter((d) => d !== undefined)];
  const fitting = candidatesFittingConversation(input, docs, discussed);
  const [fits] = fitting;
  if (fitting.length === 1 && fits !== undefined)
    return answerWith(index, [fits, ...docs.filter((d) => d !== fits)], query, true);
  // The only candidate naming every topic word of the message ("giờ muốn đổi biển số"), when one
  // of them is rare enough to name a topic (common syllables match names by chance).
  const rareTopic = query.topicTokens.some((t) => index.idfOf(t) >= FOLLOW_UP.topicIdf);
  const named = fitting.filter((d) => {
    const words = new Set(index.nameWords(d));
    return rareTopic && query.topicTokens.every((t) => words.has(t));
  });
  const [namedOne] = named;
  if (named.length === 1 && namedOne !== undefined)
    return answerWith(index, [namedOne, ...docs.filter((d) => d !== namedOne)], query, true);
  // The only candidate on the last topic ("thế còn xóa đăng ký" after temporary residence).
  const lastTopic = coreWords(index, last, []);
  const onTopic = fitting.filter((d) => {
    const words = new Set(index.nameWords(d));
    return lastTopic.length > 0 && lastTopic.every((w) => words.has(w));
  });
  const [topical] = onTopic;
  if (onTopic.length === 1 && topical !== undefined)
    return answerWith(index, [topical, ...docs.filter((d) => d !== topical)], query, true);
  const field = (index.procedures[last] as Procedure).field;
  const sameField = docs.filter((d) => field !== "" && (index.procedures[d] as Procedure).field === field);
  const [only] = sameField;
  if (sameField.length === 1 && only !== undefined) {
    return answerWith(index, [only, ...docs.filter((d) => d !== only)], query, true);
  }
  return undefined;
}

/** Whether a message that picks no open choice names a topic of its own (not only an aspect). */
function startsNewTopic(input: DecisionInput, fresh: Decision): boolean {
  return input.query.topicTokens.length > 0 || fresh.elsewhere !== undefined;
}

/** The same choices again, keeping what the message asked so the pick answers it. */
function askAgain(input: DecisionInput, candidates: number[]): Decision {
  return {
    action: "clarify",
    hits: candidates
      .slice(0, DECISION.maxCandidates)
      .map((d) => ({ procedure: input.index.procedures[d] as Procedure, score: 1 })),
    fields: input.query.fields,
    followUp: true,
  };
}

/** Resolves a message against the candidates of the previous clarify question, when it picks one. */
function refine(input: DecisionInput, candidates: number[], fresh: Decision): Decision | undefined {
  const { index, query } = input;
  const text = query.tokens.join(" ");
  // A bare number answers a numbered list ("2", the way Zalo Bot's menus are answered).
  const bare = /^(?:so )?([1-5])$/.exec(text);
  const numbered = bare ? candidates[Number(bare[1]) - 1] : undefined;
  if (numbered !== undefined) return answerWith(index, [numbered], query, true);
  for (const [pattern, position] of ORDINALS) {
    const doc = candidates[position];
    if (doc !== undefined && pattern.test(text)) return answerWith(index, [doc], query, true);
  }
  const restricted = index.rank(query, candidates.length, new Set(candidates));
  const top = restricted[0];
  if (!top) return undefined;
  // A message that finds nothing on its own picks a candidate only by a word that sets it apart
  // ("định kỳ"), not by words all candidates share or loose syllables of a new topic.
  const topical = query.topicTokens.length > 0;
  if (fresh.action === "out_of_scope" && topical && !namesDistinctWord(index, query, top.doc, candidates))
    return undefined;
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

/** Whether the message names a word of this candidate's name that no other candidate has. */
function namesDistinctWord(
  index: SearchIndex,
  query: AnalyzedQuery,
  doc: number,
  candidates: number[],
): boolean {
  const others = candidates.filter((d) => d !== doc).map((d) => new Set(index.nameWords(d)));
  const own = new Set(index.nameWords(doc));
  return query.topicTokens.some((t) => own.has(t) && others.every((o) => !o.has(t)));
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
