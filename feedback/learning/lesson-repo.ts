import { asc, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { kbLessonPhrases, kbLessons } from "../../db/schema.js";
import { LESSON_KINDS, type Lesson, type LessonKind } from "../../knowledge/learned/lesson-book.js";

/** The live lessons (not retired) with their example questions, oldest first. */
export async function loadLessons(db: Db): Promise<Lesson[]> {
  const lessons = await db
    .select()
    .from(kbLessons)
    .where(isNull(kbLessons.retiredAt))
    .orderBy(asc(kbLessons.id));
  const phrases = await db.select().from(kbLessonPhrases).orderBy(asc(kbLessonPhrases.id));
  const byLesson = new Map<number, string[]>();
  for (const p of phrases) byLesson.set(p.lessonId, [...(byLesson.get(p.lessonId) ?? []), p.text]);
  return lessons
    .filter((l) => (LESSON_KINDS as readonly string[]).includes(l.kind))
    .map((l) => ({
      id: l.id,
      kind: l.kind as LessonKind,
      procedureCode: l.procedureCode,
      answer: l.answer,
      source: l.source,
      phrases: byLesson.get(l.id) ?? [],
    }));
}

/**
 * A cheap fingerprint of the lessons and the procedures under review (counts and latest changes):
 * a process polls it and reloads only when it changes.
 */
export async function lessonsStamp(db: Db): Promise<string> {
  type Stamp = { n: string; at: string | null; p: string; r: string; rat: string | null };
  const [row] = rowsOf<Stamp>(
    await db.execute(sql`
      SELECT (SELECT count(*) FROM kb_lessons)::text AS n,
             (SELECT max(updated_at) FROM kb_lessons)::text AS at,
             (SELECT count(*) FROM kb_lesson_phrases)::text AS p,
             (SELECT count(*) FROM kb_procedure_reviews)::text AS r,
             (SELECT max(marked_at) FROM kb_procedure_reviews)::text AS rat`),
  );
  return [row?.n, row?.at, row?.p, row?.r, row?.rat].map((v) => v ?? "").join("/");
}
