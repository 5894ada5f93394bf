import type { LearningWeights } from "./learned/learning-weights.js";
import type { Lesson, LessonKind } from "./learned/lesson-book.js";
import type { MeaningVector } from "./learned/meaning.js";
import type { Field, Procedure } from "./procedure.js";
import type { ScoreExplanation } from "./search/score-explanation.js";

/** A ranked procedure for a message. */
export interface SearchHit {
  procedure: Procedure;
  score: number;
}

/** What the conversation knows from earlier turns, so follow-ups and refinements resolve. */
export interface SearchContext {
  /** The procedure last answered, if any. */
  lastCode?: string;
  /** Candidates last offered in a clarify question, if any. */
  candidateCodes?: string[];
  /** Procedures answered earlier in the conversation, most recent first ("quay lại vụ khai tử"). */
  recentCodes?: string[];
  /** True when the last message was out of scope: "nộp cho ai" then asks about that topic. */
  lastOutOfScope?: boolean;
}

/**
 * The knowledge base's verdict on a message: answer one procedure, ask which of 2–5 candidates,
 * or say it is not in the knowledge base. `followUp` is true when the message was resolved against
 * the context (an aspect question about the last procedure, or a refinement of clarify candidates).
 */
export interface Decision {
  action: "answer" | "clarify" | "out_of_scope";
  /** Best first; for `answer` the first is the answer, for `clarify` 2–5 candidates. */
  hits: SearchHit[];
  /** What was asked; for an answer to a bare request ("đăng ký kết hôn"), the documents it implies. */
  fields: Field[];
  /** True when `fields` was implied rather than asked: the composer then shows the overview. */
  impliedFields?: boolean;
  followUp: boolean;
  /**
   * True for a follow-up that only says what the last paper is for ("để làm hồ sơ vay ngân
   * hàng"): a topic handled elsewhere that it names is the purpose, not the question.
   */
  purpose?: boolean;
  /** For out_of_scope: where such a question is handled instead (a court, an embassy …). */
  elsewhere?: string;
  /**
   * With `elsewhere`: what the procedures alone would have decided, for readers that want the
   * procedure a text is about rather than a reply to it (a PAKN naming the procedure it concerns).
   */
  procedureAction?: "answer" | "clarify" | "out_of_scope";
  /**
   * Set when the message reports a problem or complains (a pothole, an overdue file, an officer
   * asking for money): the bot offers to forward it as a PAKN; `asks` when it also asks about a
   * procedure, which is then answered too.
   */
  report?: { asks: boolean };
  /**
   * For an answer to a message that asks about two things ("làm khai sinh ở đâu, với lại đăng ký
   * thường trú cần gì"): the best procedure of each other ask, so the bot can offer it too.
   */
  alsoAsked?: SearchHit[];
  /**
   * Set when the message is like an example question of an editor's lesson: the answer then comes
   * from it (a procedure linked, an official short answer with its source, a pointer elsewhere), or
   * nothing is learned from it again (noise).
   */
  lesson?: LearnedAnswer;
  /** Set on an answer whose runner-up is nearly as good: the citizen gets it, the editors see it. */
  unsure?: boolean;
}

/** The editor's lesson a decision follows. */
export interface LearnedAnswer {
  id: number;
  kind: LessonKind;
  similarity: number;
  /** For `faq`: the official short answer; for `elsewhere`: where to go. */
  answer?: string;
  /** For `faq`: the legal document or office decision it rests on. */
  source?: string;
}

/** A searchable, in-memory knowledge base built from procedures. */
export interface KnowledgeBase {
  readonly size: number;
  get(code: string): Procedure | undefined;
  /** Ranked hits for free text, best first, at most `limit` (default 5). */
  search(text: string, limit?: number): SearchHit[];
  /** How each of these procedures' scores for free text (no context) is made up, by code. */
  explain(text: string, codes: readonly string[]): Map<string, ScoreExplanation>;
  /** Detects what is asked (documents, fee, …) in free text. */
  detectFields(text: string): Field[];
  /** Decides how to respond to a message, given the conversation context. */
  decide(text: string, context?: SearchContext): Decision;
  /** Replaces the editors' lessons the decisions follow (reloaded while the process runs), at other thresholds when fitting. */
  setLessons(lessons: readonly Lesson[], weights?: Partial<LearningWeights>): void;
  /** A text's meaning vector, to group questions asked in different words. */
  meaningOf(text: string): MeaningVector;
  /** Replaces the codes of the procedures editors marked "đang rà soát" (reloaded while the process runs). */
  setReviewing(codes: ReadonlySet<string>): void;
  /** True when editors marked the procedure "đang rà soát": the bot then gives its contact, not its details. */
  isReviewing(code: string): boolean;
}
