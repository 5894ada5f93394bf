import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The bundled thresholds of learning from misses (assets/learning-weights.json), checked by `bench:learning -- --fit`. */
export const BUNDLED_LEARNING_WEIGHTS_FILE = fileURLToPath(
  new URL("../../assets/learning-weights.json", import.meta.url),
);

/** What each threshold is: the file's keys (a key missing, unknown or outside 0–1 refuses the file). */
export const LEARNING_WEIGHT_DOCS = {
  match:
    "a message the procedures could not answer (nothing found, a choice) is answered by an editor's lesson when this similar (cosine of idf-weighted words) to one of its example questions",
  override:
    "a message the procedures already answer follows a lesson only when at least this similar (an editor correcting an answer marked 'Chưa đúng')",
  unsure:
    "an answer whose runner-up scores at least this share of the best is logged for the editors as unsure (the citizen still gets it)",
  group: "misses this similar to a group's first question join that group in the editors' view",
} as const;

/** The thresholds, by key. */
export type LearningWeights = Record<keyof typeof LEARNING_WEIGHT_DOCS, number>;

/** Parses and checks the learning weights file's text. */
export function parseLearningWeights(content: string): LearningWeights {
  const data = JSON.parse(content) as Record<string, unknown>;
  const keys = Object.keys(LEARNING_WEIGHT_DOCS);
  const unknown = Object.keys(data).filter((k) => !keys.includes(k));
  if (unknown.length) throw new Error(`learning weights: unknown keys ${unknown.join(", ")}`);
  const out: Record<string, number> = {};
  for (const key of keys) {
    const v = data[key];
    if (typeof v !== "number" || !(v > 0 && v <= 1))
      throw new Error(`learning weights: "${key}" must be a number in (0, 1]`);
    out[key] = v;
  }
  return out as LearningWeights;
}

/** The bundled learning thresholds. */
export const LEARNING_WEIGHTS: LearningWeights = parseLearningWeights(
  readFileSync(BUNDLED_LEARNING_WEIGHTS_FILE, "utf8"),
);
