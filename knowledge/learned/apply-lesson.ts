import type { Decision, LearnedAnswer } from "../decision-types.js";
import type { Procedure } from "../procedure.js";
import type { LessonMatch } from "./lesson-book.js";

/**
 * The decision once an editor's lesson is followed: a linked procedure answers (first, the rest of
 * the hits after it), an official short answer or a pointer elsewhere replaces the search's verdict,
 * and noise keeps the verdict but is marked so that it is not logged as a miss again.
 */
export function applyLesson(
  decision: Decision,
  match: LessonMatch | undefined,
  get: (code: string) => Procedure | undefined,
): Decision {
  if (!match) return decision;
  const { lesson } = match;
  const learned: LearnedAnswer = {
    id: lesson.id,
    kind: lesson.kind,
    similarity: Math.round(match.similarity * 1000) / 1000,
    ...(lesson.answer ? { answer: lesson.answer } : {}),
    ...(lesson.source ? { source: lesson.source } : {}),
  };
  const kept = {
    fields: decision.fields,
    ...(decision.impliedFields ? { impliedFields: true } : {}),
    ...(decision.report ? { report: decision.report } : {}),
  };
  if (lesson.kind === "link") {
    const procedure = lesson.procedureCode ? get(lesson.procedureCode) : undefined;
    // A lesson whose procedure was since removed from the knowledge base teaches nothing.
    if (!procedure) return decision;
    const top = decision.hits[0]?.score ?? 1;
    const rest = decision.hits.filter((h) => h.procedure.code !== procedure.code);
    const answer: Decision = {
      action: "answer",
      hits: [{ procedure, score: top }, ...rest].slice(0, 5),
      followUp: false,
      lesson: learned,
      ...kept,
    };
    // A bare request asks what to prepare, as for any answer.
    return answer.fields.length > 0 ? answer : { ...answer, fields: ["documents"], impliedFields: true };
  }
  if (lesson.kind === "faq") return { action: "answer", hits: [], followUp: false, lesson: learned, ...kept };
  if (lesson.kind === "elsewhere")
    return {
      action: "out_of_scope",
      hits: decision.hits,
      followUp: false,
      elsewhere: lesson.answer ?? undefined,
      procedureAction: decision.action,
      lesson: learned,
      ...kept,
    };
  return { ...decision, lesson: learned };
}
