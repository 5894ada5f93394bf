import type { DevQuestion } from "./metrics.js";

/** The questions the simulated citizens ask (STREAM) and the other phrasings kept back to measure generalisation. */
export interface LearningSplit {
  stream: DevQuestion[];
  heldBack: DevQuestion[];
}

const byId = (a: DevQuestion, b: DevQuestion) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Splits the dev questions: answer-labelled ones grouped by their gold procedure (first expected
 * id), alternating by sorted id between the stream and the held-back phrasings (a procedure with
 * one question goes to the stream); out-of-scope and clarify questions all go to the stream.
 * The stream is returned in id order.
 */
export function splitForLearning(questions: readonly DevQuestion[]): LearningSplit {
  const stream: DevQuestion[] = [];
  const heldBack: DevQuestion[] = [];
  const byProcedure = new Map<string, DevQuestion[]>();
  for (const q of [...questions].sort(byId)) {
    const gold = q.gold[0];
    if (q.behavior !== "answer" || gold === undefined) {
      stream.push(q);
      continue;
    }
    byProcedure.set(gold, [...(byProcedure.get(gold) ?? []), q]);
  }
  for (const group of byProcedure.values())
    group.forEach((q, i) => {
      (i % 2 === 0 ? stream : heldBack).push(q);
    });
  return { stream: stream.sort(byId), heldBack: heldBack.sort(byId) };
}

/** At most `limit` questions spread evenly over the sorted list (every k-th), so a small run still mixes labels. */
export function spreadSample(questions: readonly DevQuestion[], limit: number): DevQuestion[] {
  const sorted = [...questions].sort(byId);
  if (!(limit > 0) || limit >= sorted.length) return sorted;
  const step = sorted.length / limit;
  return Array.from({ length: limit }, (_, i) => sorted[Math.floor(i * step)] as DevQuestion);
}
