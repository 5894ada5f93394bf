import type { Db } from "../../db/client.js";
import { followMiss, type MissInput, recordChoice, recordMiss, recordVote } from "./miss-log.js";
import { countQuestion } from "./question-tally.js";

/**
 * What the conversation core needs to learn from its misses: log one (without the sender), note
 * the candidate picked after a choice, keep a follower who asked to be told, count helpful votes
 * and the questions asked.
 */
export interface LearningService {
  recordMiss(input: MissInput): Promise<number>;
  recordChoice(missId: number, code: string): Promise<void>;
  follow(input: { missId: number; channel: string; conversation: string }): Promise<boolean>;
  vote(input: { code: string; helpful: boolean }): Promise<void>;
  /** Counts a question asked of the knowledge base, answered or not (the answered share). */
  countQuestion(input: { channel: string; answered: boolean }): Promise<void>;
}

/** The learning service on a database, with an optional clock. */
export function createLearningService(deps: { db: Db; now?: () => Date }): LearningService {
  return {
    recordMiss: (input) => recordMiss(deps, input),
    recordChoice: (missId, code) => recordChoice(deps.db, { missId, code }),
    follow: (input) => followMiss(deps, input),
    vote: (input) => recordVote(deps, input),
    countQuestion: (input) => countQuestion(deps, input),
  };
}
