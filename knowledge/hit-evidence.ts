import type { AnalyzedQuery } from "./search/query.js";
import type { RankedHit, SearchIndex } from "./search-index.js";

/** What the decision looks at in the best hit, beyond its score. */
export interface HitEvidence {
  /** Share (idf-weighted) of the message's topical word pairs known to the corpus found in the name. */
  pairCoverage: number;
  /** How many topical word pairs of the message the corpus knows (0: pair coverage says nothing). */
  knownPairs: number;
}

/** Per index, the word pairs of each procedure name looked at so far (built once per name). */
const pairCache = new WeakMap<SearchIndex, Map<number, Set<string>>>();

/** The adjacent word pairs of a procedure's name ("tàu cá" in "Đăng ký tàu cá"). */
function namePairsOf(index: SearchIndex, doc: number): Set<string> {
  let byDoc = pairCache.get(index);
  if (!byDoc) {
    byDoc = new Map();
    pairCache.set(index, byDoc);
  }
  let pairs = byDoc.get(doc);
  if (!pairs) {
    const words = index.nameWords(doc);
    pairs = new Set<string>();
    for (let i = 0; i + 1 < words.length; i++) pairs.add(`${words[i]} ${words[i + 1]}`);
    byDoc.set(doc, pairs);
  }
  return pairs;
}

/**
 * Reads how well the best hit's name holds the message's topic as phrases, not loose syllables:
 * Vietnamese words are mostly two syllables, so "tàu cá" matched as "tàu" and "cá" far apart in
 * a name is a coincidence a person would not call a match.
 */
export function hitEvidence(index: SearchIndex, query: AnalyzedQuery, hit: RankedHit): HitEvidence {
  const namePairs = namePairsOf(index, hit.doc);
  const bySlot = new Map<number, { mass: number; found: boolean }>();
  for (const qt of query.terms) {
    if (qt.slot < 0 || !qt.term.includes(" ") || !index.knows(qt.term)) continue;
    const [a, b] = qt.term.split(" ");
    if (!index.vocabulary.has(a as string) || !index.vocabulary.has(b as string)) continue;
    const idf = index.idfOf(qt.term) * Math.min(1, qt.weight);
    const slot = bySlot.get(qt.slot) ?? { mass: 0, found: false };
    slot.mass = Math.max(slot.mass, idf);
    // An everyday phrase ("sang tên") is found when the name holds any of its official pairs.
    if (namePairs.has(qt.term)) slot.found = true;
    bySlot.set(qt.slot, slot);
  }
  let mass = 0;
  let credit = 0;
  for (const s of bySlot.values()) {
    mass += s.mass;
    if (s.found) credit += s.mass;
  }
  return {
    pairCoverage: mass > 0 ? credit / mass : 1,
    knownPairs: bySlot.size,
  };
}
