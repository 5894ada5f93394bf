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
 * A cheap fingerprint of the lessons (how many, the latest change, how many phrases): a process
 * polls it and reloads the lessons only when it changes.
 */
export async function lessonsStamp(db: Db): Promise<string> {
  const [row] = rowsOf<{ n: string | number; at: string | Date | null; p: string | number }>(
    await db.execute(sql`
      SELECT (SELECT count(*) FROM kb_lessons) AS n,
             (SELECT max(updated_at) FROM kb_lessons) AS at,
             (SELECT count(*) FROM kb_lesson_phrases) AS p`),
  );
  const at = row?.at instanceof Date ? row.at.toISOString() : String(row?.at ?? "");
  return `${row?.n ?? 0}/${at}/${row?.p ?? 0}`;
}
