import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  DECISION_PARAM_DOCS,
  type DecisionParams,
  FOLLOW_UP_PARAM_DOCS,
  type FollowUpParams,
  SITUATION_MOVE_PARAM_DOCS,
  type SituationMoveParams,
  WHOLE_NUMBER_KEYS,
} from "./decision-weights.js";

/**
 * The bundled ranking weights and decision thresholds, refitted by `npm run kb:fit -- --write`
 * and `npm run kb:fit -- --decision --write` (assets/search-weights.json).
 */
export const BUNDLED_SEARCH_WEIGHTS_FILE = fileURLToPath(
  new URL("../../assets/search-weights.json", import.meta.url),
);

/**
 * What each ranking weight is, one line each: the expected keys of the file's `rank` section (a
 * key missing, unknown or not a finite number refuses the file), and the explanation `kb:fit` prints.
 */
export const RANK_PARAM_DOCS = {
  auxField: "weight of a term found in the procedure's field instead of its name",
  auxAgency: "weight of a term found in the procedure's agencies or authority",
  auxResult: "weight of a word of the procedure's results (the paper a citizen gets)",
  auxBody: "weight of a word of the procedure's body text (audience, conditions, papers, steps); 0 = off",
  bodyCoverage:
    "share of a message word's topic coverage credited when only the procedure's body text uses it; 0 = off",
  bodyTokens: "words of each body section indexed (audience, conditions, results, papers, steps)",
  k1: "BM25 saturation of names",
  b: "BM25 length normalisation of names (long names match everything)",
  nameCoverageFloor: "floor of the name-coverage factor",
  queryCoverageFloor: "floor of the topic-coverage factor",
  popularity: "strength of the national-portal popularity prior",
  centralOnly: "factor for ministry-only procedures (citizens rarely need them)",
  organisationOnly:
    "factor for procedures only organisations may use, when the message names no organisation",
  commune: "bonus for procedures a commune office handles, where most citizens go",
  phraseRun: "bonus per extra word of the longest run of the message found verbatim in the name",
  unknownWord: "informativeness of a word no procedure uses, relative to the rarest known word",
  accentMismatch: "share of a name match kept when the message's diacritics differ (mại for mai)",
  contextReading: "share of an unaccented word's name match taken back when its neighbours read it otherwise",
  rerank: "how many first-stage candidates get the full (coverage, variant, popularity) rescoring",
} as const;

export type { DecisionParams, FollowUpParams, SituationMoveParams };

/** The ranking weights by name (see RANK_PARAM_DOCS for what each is). */
export type RankParams = { -readonly [K in keyof typeof RANK_PARAM_DOCS]: number };

/** Where and how well the weights were last fitted (written by kb:fit, informative only). */
export interface FitRecord {
  on: string;
  tune: Record<string, unknown>;
  held: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * The weights file: `rank` drives SearchIndex, `decision` the answer / clarify / out_of_scope
 * decision (DECISION), `followUp` follow-up resolution (FOLLOW_UP), `situationMove` the move to
 * a variant for a situation (SITUATION_MOVE); `fitted` and `fittedDecision`
 * record the last fits; other top-level sections are kept as they are for their own readers.
 */
export interface SearchWeights {
  rank: RankParams;
  decision: DecisionParams;
  followUp: FollowUpParams;
  situationMove: SituationMoveParams;
  fitted?: FitRecord;
  fittedDecision?: FitRecord;
  [section: string]: unknown;
}

/** The names of the ranking weights, in file order. */
export const RANK_KEYS = Object.keys(RANK_PARAM_DOCS) as Array<keyof RankParams>;

/** The names of the decision thresholds, in file order. */
export const DECISION_KEYS = Object.keys(DECISION_PARAM_DOCS) as Array<keyof DecisionParams>;

/** The names of the follow-up thresholds, in file order. */
export const FOLLOW_UP_KEYS = Object.keys(FOLLOW_UP_PARAM_DOCS) as Array<keyof FollowUpParams>;

/** The names of the situation-move thresholds, in file order. */
export const SITUATION_MOVE_KEYS = Object.keys(SITUATION_MOVE_PARAM_DOCS) as Array<keyof SituationMoveParams>;

/** The validated sections of the file: name, what its numbers are, and each key's meaning. */
const SECTIONS: Array<{ name: string; what: string; docs: Record<string, string> }> = [
  { name: "rank", what: "ranking weight", docs: RANK_PARAM_DOCS },
  { name: "decision", what: "decision threshold", docs: DECISION_PARAM_DOCS },
  { name: "followUp", what: "follow-up threshold", docs: FOLLOW_UP_PARAM_DOCS },
  { name: "situationMove", what: "situation-move threshold", docs: SITUATION_MOVE_PARAM_DOCS },
];

/**
 * Parses and validates a weights file's text: every expected key of `rank`, `decision`,
 * `followUp` and `situationMove` present as a finite number (a whole one where it counts things) and no unknown one,
 * so a typo or a half-edited file stops the start with a clear message.
 */
export function parseSearchWeights(text: string, source = "search weights"): SearchWeights {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(data)) throw new Error(`${source}: expected a JSON object with a "rank" section`);
  for (const { name, what, docs } of SECTIONS) {
    const section = data[name];
    if (!isObject(section))
      throw new Error(`${source}: missing the "${name}" section (an object of numbers, each a ${what})`);
    const problems: string[] = [];
    for (const [key, doc] of Object.entries(docs)) {
      const v = section[key];
      if (v === undefined) problems.push(`"${key}" is missing (${doc})`);
      else if (typeof v !== "number" || !Number.isFinite(v))
        problems.push(`"${key}" must be a finite number, got ${JSON.stringify(v)} (${doc})`);
      else if (WHOLE_NUMBER_KEYS.has(key) && !Number.isInteger(v))
        problems.push(`"${key}" must be a whole number, got ${v} (${doc})`);
    }
    for (const key of Object.keys(section))
      if (!(key in docs)) problems.push(`"${key}" is not a known ${what}`);
    if (problems.length > 0) throw new Error(`${source}: ${name} section refused: ${problems.join("; ")}`);
  }
  return data as SearchWeights;
}

/** Reads and validates a weights file (default: the bundled one). */
export function loadSearchWeights(file = BUNDLED_SEARCH_WEIGHTS_FILE): SearchWeights {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`search weights: cannot read ${file} (${(e as Error).message})`);
  }
  return parseSearchWeights(text, file);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
