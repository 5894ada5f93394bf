import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The bundled ranking weights, refitted by `npm run kb:fit -- --write` (assets/search-weights.json). */
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
  commune: "bonus for procedures a commune office handles, where most citizens go",
  phraseRun: "bonus per extra word of the longest run of the message found verbatim in the name",
  unknownWord: "informativeness of a word no procedure uses, relative to the rarest known word",
  accentMismatch: "share of a name match kept when the message's diacritics differ (mại for mai)",
  contextReading: "share of an unaccented word's name match taken back when its neighbours read it otherwise",
  rerank: "how many first-stage candidates get the full (coverage, variant, popularity) rescoring",
} as const;

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
 * The weights file: `rank` drives SearchIndex; `fitted` records the last fit; other top-level
 * sections (later "decision", "followUp") are kept as they are for their own readers.
 */
export interface SearchWeights {
  rank: RankParams;
  fitted?: FitRecord;
  [section: string]: unknown;
}

/** The names of the ranking weights, in file order. */
export const RANK_KEYS = Object.keys(RANK_PARAM_DOCS) as Array<keyof RankParams>;

/**
 * Parses and validates a weights file's text: every expected `rank` key present as a finite
 * number and no unknown one, so a typo or a half-edited file stops the start with a clear message.
 */
export function parseSearchWeights(text: string, source = "search weights"): SearchWeights {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(data)) throw new Error(`${source}: expected a JSON object with a "rank" section`);
  const rank = data.rank;
  if (!isObject(rank)) throw new Error(`${source}: missing the "rank" section (an object of numbers)`);
  const problems: string[] = [];
  for (const key of RANK_KEYS) {
    const v = rank[key];
    if (v === undefined) problems.push(`"${key}" is missing (${RANK_PARAM_DOCS[key]})`);
    else if (typeof v !== "number" || !Number.isFinite(v))
      problems.push(`"${key}" must be a finite number, got ${JSON.stringify(v)}`);
  }
  for (const key of Object.keys(rank))
    if (!(key in RANK_PARAM_DOCS)) problems.push(`"${key}" is not a known ranking weight`);
  if (problems.length > 0) throw new Error(`${source}: rank weights refused: ${problems.join("; ")}`);
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
