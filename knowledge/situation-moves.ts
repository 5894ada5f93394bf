import type { SituationMoveParams } from "./search/decision-weights.js";
import type { AnalyzedQuery } from "./search/query.js";
import { loadSearchWeights } from "./search/search-weights.js";
import { MARKERS } from "./search/variants.js";
import type { RankedHit, SearchIndex } from "./search-index.js";
import {
  markedSituationsOfName,
  readSituations,
  type SituationCues,
  situationsOfMessage,
  situationsOfName,
} from "./situations.js";

/**
 * Thresholds of moves driven by the situation a conversation is in, read from the weights file's
 * `situationMove` section (what each is: SITUATION_MOVE_PARAM_DOCS).
 */
export const SITUATION_MOVE: SituationMoveParams = loadSearchWeights().situationMove;

/** What a situation move needs. */
export interface SituationMoveInput {
  index: SearchIndex;
  query: AnalyzedQuery;
  analyze: (text: string) => AnalyzedQuery;
  cues: SituationCues;
  /** Everyday words citizens use for a procedure beside its name's ("bằng" for a driving licence). */
  everyday?: (doc: number) => ReadonlySet<string>;
}

/** Tokens with every occurrence of the phrases removed. */
function withoutPhrases(tokens: readonly string[], phrases: readonly (readonly string[])[]): string[] {
  const gone = new Array<boolean>(tokens.length).fill(false);
  for (const p of phrases) {
    if (p.length === 0) continue;
    for (let i = 0; i + p.length <= tokens.length; i++)
      if (p.every((w, k) => tokens[i + k] === w)) for (let k = 0; k < p.length; k++) gone[i + k] = true;
  }
  return tokens.filter((_, i) => !gone[i]);
}

/** Topic words of a procedure name: rare words outside variant markers and the `aside` phrases. */
export function coreWords(index: SearchIndex, doc: number, aside: readonly (readonly string[])[]): string[] {
  const words = withoutPhrases(index.mainWords(doc), [...MARKERS.map((m) => m.tokens), ...aside]);
  return [...new Set(words)].filter((w) => index.idfOf(w) >= SITUATION_MOVE.coreIdf);
}

/**
 * Whether a message after an answer only adds a situation to the last topic ("bị mất thì cần
 * giấy tờ gì", "con em 8 tuổi thì sao"): it names a situation and every other topic word of it is
 * already in the last procedure's name.
 */
export function addsOnlySituation(input: SituationMoveInput, last: number): boolean {
  const { index, query, cues } = input;
  const { found, claimed } = readSituations(cues, query.tokens);
  if (found.size === 0) return false;
  const topic = new Set(query.topicTokens);
  const lastWords = new Set([...index.nameWords(last), ...(input.everyday?.(last) ?? [])]);
  return query.tokens.every(
    (t, i) => claimed[i] || !topic.has(t) || lastWords.has(t) || index.idfOf(t) < SITUATION_MOVE.coreIdf,
  );
}
/**
 * The variant of the last procedure's topic made for a situation the message adds ("nếu chồng
 * sắp cưới là người Hàn Quốc thì sao" after marriage registration → the foreign-element one;
 * "bé nhà em 10 tuổi" after an identity card → the card for under-14s): the last topic, the
 * message and the situation's name phrases are read together and the best procedure of the same
 * topic made for the situation wins. Undefined when the message adds no situation, the last
 * procedure is already made for it, or no such variant exists.
 */
export function variantForSituation(input: SituationMoveInput, last: number): RankedHit[] | undefined {
  const { index, query, cues } = input;
  const said = situationsOfMessage(cues, query.tokens);
  if (said.size === 0) return undefined;
  const lastHas = situationsOfName(cues, index.nameWords(last));
  const added = new Set([...said].filter((s) => !lastHas.has(s)));
  if (added.size === 0) return undefined;
  // The topic is read without any situation's phrases ("từ đủ 14 tuổi trở lên"), unless nothing
  // else names it ("đăng ký khai tử" is the topic itself).
  const allPhrases = cues.situations.flatMap((x) => x.names);
  const addedPhrases = cues.situations.filter((x) => added.has(x.id)).flatMap((x) => x.names);
  const fullCore = coreWords(index, last, allPhrases);
  const core = fullCore.length > 0 ? fullCore : coreWords(index, last, addedPhrases);
  if (core.length === 0) return undefined;
  // The last topic read with the message's topic and the first name phrase of each added situation
  // (one reading keeps a follow-up fast); the variant is then looked for among the best of it.
  const firstPhrases = cues.situations
    .filter((x) => added.has(x.id))
    .map((x) => (x.names[0] ?? []).join(" "));
  // Only the topic words are read: common words ("thủ tục", "thì") cost time and tell nothing.
  const text = `${core.join(" ")} ${query.topicTokens.join(" ")} ${firstPhrases.join(" ")}`;
  const ranked = index.rank(input.analyze(text), SITUATION_MOVE.pool);
  const fits = (h: RankedHit) => {
    if (h.doc === last) return false;
    const words = new Set(index.nameWords(h.doc));
    if (core.filter((w) => words.has(w)).length < core.length * SITUATION_MOVE.coreShare) return false;
    // A variant adds the situation, not a topic of its own (a combined procedure is not one).
    const lastWords = new Set(index.nameWords(last));
    const own = coreWords(index, h.doc, allPhrases).filter((w) => !lastWords.has(w));
    if (own.length > SITUATION_MOVE.maxOwnWords) return false;
    const made = situationsOfName(cues, index.nameWords(h.doc));
    return [...added].some((s) => made.has(s));
  };
  const variant = ranked.find(fits);
  if (!variant) return undefined;
  return [variant, ...ranked.filter((h) => h !== variant && h.doc !== last)];
}

/**
 * Clarify candidates that fit the conversation: a candidate made for an exceptional situation
 * ("trình báo mất hộ chiếu", "… có yếu tố nước ngoài") that neither the message nor the procedures
 * discussed so far mention is dropped ("xin luôn hộ chiếu cho cháu" after the child's identity
 * card is the passport itself, not the report of a lost one).
 */
export function candidatesFittingConversation(
  input: SituationMoveInput,
  candidates: readonly number[],
  discussed: readonly number[],
): number[] {
  const { index, query, cues } = input;
  const known = situationsOfMessage(cues, query.tokens);
  for (const d of discussed) for (const s of situationsOfName(cues, index.nameWords(d))) known.add(s);
  return candidates.filter((d) => {
    const marked = markedSituationsOfName(cues, index.nameWords(d));
    return [...marked].every((s) => known.has(s));
  });
}
