import type { AnalyzedQuery } from "./search/query.js";
import type { RankedHit, SearchIndex } from "./search-index.js";
import { type SituationCues, situationsOfMessage, situationsOfName, statedAges } from "./situations.js";

/** How the situations a message states move its candidates. */
export const SITUATION_RANK = {
  /**
   * Factor for a procedure made for a situation the message states ("mất", "người nước ngoài"),
   * ages aside (an adult's age rules out the child's card, it does not ask for the adult's).
   * 1 (off) on the TUNE questions: a boost won one and lost two (a torn paper is not a lost one).
   */
  match: 1,
  /** Factor for a procedure made for an age the message's stated age is not ("con 10 tuổi"). */
  otherAge: 0.5,
} as const;

/**
 * Re-ranks the candidates with the situations the message states: a procedure made for one of them
 * moves up, one made for an age the message rules out moves down. The backstory thus narrows the
 * variant ("con em 10 tuổi" → the card for under-14s) even on a first message.
 */
export function situationRanked(
  cues: SituationCues,
  index: SearchIndex,
  query: AnalyzedQuery,
  ranked: RankedHit[],
): RankedHit[] {
  const stated = situationsOfMessage(cues, query.tokens);
  if (stated.size === 0) return ranked;
  const aged = statedAges(query.tokens).length > 0;
  const ageSituations = new Set(cues.situations.filter((s) => s.ages.length > 0).map((s) => s.id));
  let moved = false;
  const rescored = ranked.map((h) => {
    const named = situationsOfName(cues, index.nameWords(h.doc));
    let factor = 1;
    if ([...named].some((s) => stated.has(s) && !ageSituations.has(s))) factor *= SITUATION_RANK.match;
    if (aged && [...named].some((s) => ageSituations.has(s) && !stated.has(s)))
      factor *= SITUATION_RANK.otherAge;
    if (factor === 1) return h;
    moved = true;
    return { ...h, score: h.score * factor };
  });
  return moved ? rescored.sort((a, b) => b.score - a.score) : ranked;
}
