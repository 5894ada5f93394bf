import type { AnalyzedQuery } from "../search/query.js";
import { LEARNING_WEIGHTS, type LearningWeights } from "./learning-weights.js";
import { type MeaningVector, meaningOf, similarity } from "./meaning.js";

/** "[đã ẩn tên]", "[đã ẩn số điện thoại]" …: what redaction leaves in a logged question. */
const REDACTED_PLACEHOLDER = /\[đã ẩn [^\]]{1,30}\]/gu;

/** What an editor decided a group of questions needs. */
export const LESSON_KINDS = ["link", "faq", "elsewhere", "noise"] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

/**
 * An editor's reviewed lesson: its example questions and what they mean — a procedure (`link`), an
 * official short answer with its source (`faq`), where to go instead (`elsewhere`, in `answer`), or
 * nothing to answer (`noise`).
 */
export interface Lesson {
  id: number;
  kind: LessonKind;
  procedureCode?: string | null;
  answer?: string | null;
  source?: string | null;
  phrases: string[];
}

/** The lesson a message matched, and how closely (cosine, 0–1). */
export interface LessonMatch {
  lesson: Lesson;
  similarity: number;
  phrase: string;
}

/** How a lesson book reads text: the knowledge base's own analysis and idf. */
export interface LessonReader {
  analyze(text: string): AnalyzedQuery;
  idfOf(term: string): number;
}

/**
 * The live lessons compiled for matching: each example question as a meaning vector, so a new
 * message is compared with every reviewed phrasing (a few thousand at most, microseconds each).
 */
export class LessonBook {
  private readonly entries: Array<{ lesson: Lesson; phrase: string; meaning: MeaningVector }> = [];

  constructor(
    private readonly reader: LessonReader,
    lessons: readonly Lesson[] = [],
    private readonly weights: Pick<LearningWeights, "match" | "override"> = LEARNING_WEIGHTS,
  ) {
    for (const lesson of lessons)
      for (const phrase of lesson.phrases)
        this.entries.push({ lesson, phrase, meaning: this.meaning(phrase) });
  }

  /** Number of example questions in the book. */
  get size(): number {
    return this.entries.length;
  }

  /** A text's meaning vector, as the book compares them (redaction placeholders are not words of the need). */
  meaning(text: string): MeaningVector {
    const plain = text.replace(REDACTED_PLACEHOLDER, " ");
    return meaningOf(this.reader.analyze(plain), (t) => this.reader.idfOf(t));
  }

  /**
   * The closest lesson at or above the threshold, if any: `match` for a message the procedures
   * could not answer, the higher `override` for one they already answer (`answered`).
   */
  match(text: string, options: { answered: boolean }): LessonMatch | undefined {
    if (this.entries.length === 0) return undefined;
    const threshold = options.answered ? this.weights.override : this.weights.match;
    const meaning = this.meaning(text);
    let best: LessonMatch | undefined;
    for (const e of this.entries) {
      const s = similarity(meaning, e.meaning);
      if (s >= threshold && (!best || s > best.similarity))
        best = { lesson: e.lesson, similarity: s, phrase: e.phrase };
    }
    return best;
  }
}
