/** One piece of evidence added to a procedure's raw score (a message term found in its texts). */
export interface TermContribution {
  /** The folded term ("khai sinh"), or an adjustment ("diacritics differ"). */
  feature: string;
  /** Where the term was found: the name (or an alias), or only the procedure's other texts. */
  where?: "name" | "other";
  contribution: number;
}

/** One multiplicative factor applied to the raw score, with the feature value behind it. */
export interface ScoreFactor {
  feature: string;
  value?: number;
  factor: number;
}

/**
 * Why a procedure got its score for a message: `score` = `raw` (the sum of the terms'
 * contributions) × the product of the factors; for debugging and tuning, never on the hot path.
 */
export interface ScoreExplanation {
  score: number;
  raw: number;
  terms: TermContribution[];
  factors: ScoreFactor[];
}
