import { createRequire } from "node:module";
import type { BayesClassifier as NaturalBayes } from "natural/lib/natural/classifiers/index.js";
import { routingFeatures } from "./routing-features.js";

// natural's entry point loads every storage backend (mongoose, redis, pg: ~0.7 s) and runs dotenv,
// which prints to stdout and reads .env; the classifier module alone loads in ~20 ms.
const BayesClassifier = createRequire(import.meta.url)(
  "natural/lib/natural/classifiers/bayes_classifier.js",
) as typeof NaturalBayes;

/** A labelled example: a citizen's text and the canonical agency id that answered it. */
export interface RoutingExample {
  text: string;
  agency: string;
}

/** A trained text → agency classifier. */
export interface RoutingModel {
  readonly labels: readonly string[];
  /** Agency probabilities for a message, best first (empty when no feature is known). */
  classify(text: string): Array<{ agency: string; p: number }>;
}

/** How much the summed log-likelihoods are softened, so probabilities are usable as confidence. */
const TEMPERATURE = 6;
/** Additive (Laplace) smoothing of the word counts. */
const SMOOTHING = 0.5;

interface BayesCounts {
  classFeatures: Record<string, Record<number, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
}

/**
 * Trains natural's naive Bayes classifier on the examples (features: folded words and pairs) and
 * scores new messages from its counts as a multinomial naive Bayes in log space: natural's own
 * scoring multiplies raw probabilities (zero on messages of a few dozen words) and divides by the
 * number of documents per class, which makes a one-example class win every message.
 */
export function trainRoutingModel(examples: readonly RoutingExample[]): RoutingModel {
  const bayes = new BayesClassifier();
  // natural turns each document into a dense vector over the whole vocabulary (quadratic); its
  // Bayes counts also accept the sparse form {k: feature index}, which keeps training linear.
  const index = new Map<string, number>();
  bayes.textToFeatures = (observation: string | string[]) => {
    const tokens = typeof observation === "string" ? routingFeatures(observation) : observation;
    const sparse: Record<number, number> = {};
    tokens.forEach((t, k) => {
      const i = index.get(t);
      if (i !== undefined) sparse[k] = i;
    });
    return sparse as unknown as number[];
  };
  for (const ex of examples) {
    const features = routingFeatures(ex.text);
    if (features.length > 0) bayes.addDocument(features, ex.agency);
  }
  if (bayes.docs.length === 0) return { labels: [], classify: () => [] };
  for (const f of Object.keys(bayes.features)) index.set(f, index.size);
  bayes.train();
  const counts = bayes.classifier as unknown as BayesCounts;
  const position = index;
  const vocabulary = position.size;
  const labels = Object.keys(counts.classTotals);
  // natural stores a feature's document count plus the smoothing once seen; take the counts back.
  const frequency = labels.map((label) => {
    const df = new Map<number, number>();
    for (const [i, c] of Object.entries(counts.classFeatures[label] ?? {}))
      df.set(Number(i), c - counts.smoothing);
    let mass = 0;
    for (const c of df.values()) mass += c;
    return { df, mass, prior: Math.log((counts.classTotals[label] ?? 1) / counts.totalExamples) };
  });
  return {
    labels,
    classify(text) {
      const known = routingFeatures(text)
        .map((f) => position.get(f))
        .filter((i): i is number => i !== undefined);
      if (known.length === 0) return [];
      const logs = frequency.map(({ df, mass, prior }) => {
        const denominator = Math.log(mass + SMOOTHING * vocabulary);
        let sum = prior;
        for (const i of known) sum += Math.log((df.get(i) ?? 0) + SMOOTHING) - denominator;
        return sum / TEMPERATURE;
      });
      const max = Math.max(...logs);
      const exps = logs.map((l) => Math.exp(l - max));
      const z = exps.reduce((a, b) => a + b, 0);
      return labels.map((agency, i) => ({ agency, p: (exps[i] ?? 0) / z })).sort((a, b) => b.p - a.p);
    },
  };
}
