import type { AnalyzedQuery } from "./search/query.js";
import type { RankedHit, SearchIndex } from "./search-index.js";
import { SITUATION_MOVE } from "./situation-moves.js";
import { type SituationCues, situationsOfMessage, situationsOfName, statedAges } from "./situations.js";

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
  const ageSituations = new Set(cues.situations.filter((s) => s.ages.length > 0).map((s) => s.id));
  // An age told in words ("cho bé", "trẻ em") rules out the other age groups as a number does.
  const aged = statedAges(query.tokens).length > 0 || [...stated].some((s) => ageSituations.has(s));
  let moved = false;
  const rescored = ranked.map((h) => {
    const named = situationsOfName(cues, index.nameWords(h.doc));
    let factor = 1;
    if ([...named].some((s) => stated.has(s) && !ageSituations.has(s))) factor *= SITUATION_MOVE.statedMatch;
    if (aged && [...named].some((s) => ageSituations.has(s) && !stated.has(s)))
      factor *= SITUATION_MOVE.otherAge;
    if (factor === 1) return h;
    moved = true;
    return { ...h, score: h.score * factor };
  });
  return moved ? rescored.sort((a, b) => b.score - a.score) : ranked;
}
