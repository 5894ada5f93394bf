/**
 * Coordinate search of the decision thresholds (DECISION, FOLLOW_UP and SITUATION_MOVE, the
 * objects the decision reads on every message) on labelled questions and conversations: each threshold in turn is tried
 * on a small grid around its value, and a change kept only when the questions whose behaviour is
 * right plus the conversation turns right gain a margin and neither of the two loses any.
 */
import { DECISION } from "../../knowledge/decide.js";
import type { KnowledgeBase } from "../../knowledge/decision-types.js";
import { FOLLOW_UP } from "../../knowledge/follow-up.js";
import { WHOLE_NUMBER_KEYS } from "../../knowledge/search/decision-weights.js";
import {
  DECISION_KEYS,
  type DecisionParams,
  FOLLOW_UP_KEYS,
  type FollowUpParams,
  SITUATION_MOVE_KEYS,
  type SituationMoveParams,
} from "../../knowledge/search/search-weights.js";
import { SITUATION_MOVE } from "../../knowledge/situation-moves.js";
import { conversationAccuracy, type DevConversation } from "./conversations.js";
import { type DevQuestion, r3 } from "./metrics.js";

/** Search settings of the decision fit. */
export const DECISION_FIT = {
  /** Smallest objective gain (questions plus turns right): two, so one lucky example never moves a threshold. */
  margin: 2,
  /** Full passes over all the thresholds (a pass without any change ends early). */
  passes: 2,
  /** Relative steps tried around a threshold's value. */
  steps: [0.5, 0.75, 0.9, 1.1, 1.25, 1.5],
  /** Steps tried around a threshold that counts things (words, hits). */
  counts: [-2, -1, 1, 2],
};

/** Thresholds that are shares (kept within 0..1); the others are scores, ratios or counts. */
const SHARES = new Set<string>([
  "minCoverage",
  "namedCoverage",
  "closeRatio",
  "clarifyRunnerUp",
  "clarifyMaxNameCoverage",
  "newTopicCoverage",
  "alsoAskedNameCoverage",
  "weakPairCoverage",
  "weakNameCoverage",
  "weakLongPairCoverage",
  "switchCoverage",
  "switchCoverageGain",
  "markedCoverage",
  "siblingRatio",
  "coreShare",
]);

/** One threshold of either section, named by section and key. */
export type DecisionKey =
  | { section: "decision"; key: keyof DecisionParams }
  | { section: "followUp"; key: keyof FollowUpParams }
  | { section: "situationMove"; key: keyof SituationMoveParams };

/** Every threshold, decision first. */
export const DECISION_FIT_KEYS: DecisionKey[] = [
  ...DECISION_KEYS.map((key) => ({ section: "decision" as const, key })),
  ...FOLLOW_UP_KEYS.map((key) => ({ section: "followUp" as const, key })),
  ...SITUATION_MOVE_KEYS.map((key) => ({ section: "situationMove" as const, key })),
];

/** The questions and conversations of one part (TUNE or HELD). */
export interface DecisionPart {
  questions: DevQuestion[];
  conversations: DevConversation[];
}

/** How the decision does on one part. */
export interface DecisionScores {
  questions: number;
  /** Questions whose action (answer / clarify / out_of_scope) is the labelled one, and their share. */
  questionsRight: number;
  behaviour: number;
  turns: number;
  /** Turns whose action, and first procedure for an answer, are right, and their share. */
  turnsRightCount: number;
  turnsRight: number;
}

/** One accepted change of a threshold. */
export interface DecisionChange {
  section: DecisionKey["section"];
  key: string;
  from: number;
  to: number;
  objective: number;
}

/** Questions with the right behaviour plus conversation turns right. */
export function decisionObjective(s: DecisionScores): number {
  return s.questionsRight + s.turnsRightCount;
}

/** The values tried for a threshold: whole steps for counts, relative steps for the others. */
export function decisionGridFor(key: string, value: number): number[] {
  const raw = WHOLE_NUMBER_KEYS.has(key)
    ? DECISION_FIT.counts.map((d) => value + d).filter((v) => v >= 1)
    : DECISION_FIT.steps.map((s) => r3(value * s));
  const clamp = (v: number) => (SHARES.has(key) ? Math.min(1, Math.max(0, v)) : Math.max(0, v));
  return [...new Set(raw.map(clamp))].filter((v) => v !== value);
}

/** The live object a section's thresholds are read from. */
function live(section: DecisionKey["section"]): Record<string, number> {
  const objects = { decision: DECISION, followUp: FOLLOW_UP, situationMove: SITUATION_MOVE };
  return objects[section] as unknown as Record<string, number>;
}

/** Scores the decision as the thresholds stand on one part. */
export function scoreDecision(kb: KnowledgeBase, part: DecisionPart): DecisionScores {
  const ok = part.questions.filter((q) => kb.decide(q.q).action === q.behavior).length;
  const conv = conversationAccuracy(kb, part.conversations);
  return {
    questions: part.questions.length,
    questionsRight: ok,
    behaviour: r3(ok / (part.questions.length || 1)),
    turns: conv.turns,
    turnsRightCount: conv.turns - conv.misses.length,
    turnsRight: conv.accuracy,
  };
}

/** All three sections' thresholds as they stand. */
export interface DecisionThresholds {
  decision: DecisionParams;
  followUp: FollowUpParams;
  situationMove: SituationMoveParams;
}

/**
 * Fits DECISION, FOLLOW_UP and SITUATION_MOVE (`keys` of them, default all) in place on `tune`; `held` is only
 * measured before and after. Returns both parts' scores, the thresholds before and after, and
 * each accepted change.
 */
export function fitDecision(
  kb: KnowledgeBase,
  parts: { tune: DecisionPart; held: DecisionPart },
  log: (line: string) => void = () => {},
  keys: ReadonlyArray<DecisionKey> = DECISION_FIT_KEYS,
): {
  before: { tune: DecisionScores; held: DecisionScores } & DecisionThresholds;
  after: { tune: DecisionScores; held: DecisionScores } & DecisionThresholds;
  changes: DecisionChange[];
  evaluations: number;
} {
  let evaluations = 0;
  const score = (part: DecisionPart) => {
    evaluations++;
    return scoreDecision(kb, part);
  };
  const snapshot = (): DecisionThresholds => ({
    decision: { ...DECISION },
    followUp: { ...FOLLOW_UP },
    situationMove: { ...SITUATION_MOVE },
  });
  const before = { tune: score(parts.tune), held: score(parts.held), ...snapshot() };
  let best = before.tune;
  const changes: DecisionChange[] = [];
  for (let pass = 0; pass < DECISION_FIT.passes; pass++) {
    let changed = false;
    for (const { section, key } of keys) {
      const values = live(section);
      const current = values[key] as number;
      let bestValue = current;
      let bestScores = best;
      for (const v of decisionGridFor(key, current)) {
        values[key] = v;
        const s = score(parts.tune);
        const gain = decisionObjective(s) - decisionObjective(bestScores);
        // Lose on neither: the questions and the conversations must both hold.
        if (
          gain < DECISION_FIT.margin ||
          s.questionsRight < best.questionsRight ||
          s.turnsRightCount < best.turnsRightCount
        )
          continue;
        bestValue = v;
        bestScores = s;
      }
      values[key] = bestValue;
      if (bestValue !== current) {
        changed = true;
        best = bestScores;
        const objective = decisionObjective(best);
        changes.push({ section, key, from: current, to: bestValue, objective });
        log(`${section}.${key}: ${current} -> ${bestValue} (TUNE objective ${objective})`);
      } else log(`${section}.${key}: kept ${current}`);
    }
    if (!changed) break;
  }
  const after = { tune: score(parts.tune), held: score(parts.held), ...snapshot() };
  return { before, after, changes, evaluations };
}
