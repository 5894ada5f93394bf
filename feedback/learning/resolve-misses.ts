import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { kbFollowers, kbLessonPhrases, kbLessons, kbMisses, outbox } from "../../db/schema.js";
import type { LessonKind } from "../../knowledge/learned/lesson-book.js";
import { AppError } from "../../lib/errors.js";
import { audit } from "../officers/audit.js";
import { QUEUES } from "../queue-names.js";
import { redactForPublic } from "../redact.js";

/** An editor's decision on a group of misses. */
export interface Resolution {
  missIds: number[];
  kind: LessonKind;
  /** For `link`: the procedure the questions mean. */
  procedureCode?: string;
  /** For `faq`: the official short answer; for `elsewhere`: where to go. */
  answer?: string;
  /** For `faq`: the legal document or office decision the answer rests on. */
  source?: string;
  officerId: number;
  ip?: string;
}

/** What resolving did: the lesson made, the misses it answers, the citizens who will be told. */
export interface ResolveOutcome {
  lessonId: number;
  resolved: number;
  followers: number;
}

/** The longest answer an editor may write (a short official answer, not a procedure). */
export const MAX_ANSWER_CHARS = 2_000;
const MAX_SOURCE_CHARS = 300;

function checked(input: Resolution, hasProcedure: (code: string) => boolean) {
  const answer = input.answer?.trim() ?? "";
  const source = input.source?.trim() ?? "";
  const problems: string[] = [];
  if (input.missIds.length === 0) problems.push("chưa chọn câu hỏi nào");
  if (input.kind === "link" && !(input.procedureCode && hasProcedure(input.procedureCode)))
    problems.push("chưa chọn thủ tục có trong cơ sở dữ liệu");
  if ((input.kind === "faq" || input.kind === "elsewhere") && !answer)
    problems.push(input.kind === "faq" ? "chưa có nội dung trả lời" : "chưa ghi nơi công dân cần liên hệ");
  if (input.kind === "faq" && !source) problems.push("câu trả lời cần ghi căn cứ (văn bản, quyết định)");
  if (answer.length > MAX_ANSWER_CHARS) problems.push(`câu trả lời dài quá ${MAX_ANSWER_CHARS} ký tự`);
  if (source.length > MAX_SOURCE_CHARS) problems.push(`căn cứ dài quá ${MAX_SOURCE_CHARS} ký tự`);
  if (problems.length) throw new AppError("bad_request", "the resolution is incomplete", { problems });
  // An official answer is public: no personal data in it, whoever typed it.
  return {
    procedureCode: input.kind === "link" ? (input.procedureCode ?? null) : null,
    answer: answer ? redactForPublic(answer) : null,
    source: source ? redactForPublic(source) : null,
  };
}

/**
 * Turns a group of misses into a lesson in one transaction: the lesson, the group's questions as
 * its reviewed example phrasings, the misses marked answered, and (except for noise) one outbox
 * job per citizen who asked to be told, so the answer reaches each of them once after commit.
 * Misses another editor resolved meanwhile are left to that editor's lesson.
 */
export async function resolveMisses(
  deps: { db: Db; hasProcedure: (code: string) => boolean; now?: () => Date },
  input: Resolution,
): Promise<ResolveOutcome> {
  const values = checked(input, deps.hasProcedure);
  const now = deps.now?.() ?? new Date();
  const ids = [...new Set(input.missIds)].slice(0, 5_000);
  return deps.db.transaction(async (txn) => {
    const open = await txn
      .select({ id: kbMisses.id, text: kbMisses.text })
      .from(kbMisses)
      .where(and(inArray(kbMisses.id, ids), isNull(kbMisses.lessonId)))
      .for("update");
    if (open.length === 0) throw new AppError("conflict", "these questions were already resolved");
    const [lesson] = await txn
      .insert(kbLessons)
      .values({ kind: input.kind, ...values, createdBy: input.officerId, createdAt: now, updatedAt: now })
      .returning({ id: kbLessons.id });
    const lessonId = (lesson as { id: number }).id;
    const phrases = [...new Set(open.map((m) => m.text))];
    await txn.insert(kbLessonPhrases).values(phrases.map((text) => ({ lessonId, text, createdAt: now })));
    const missIds = open.map((m) => m.id);
    await txn.update(kbMisses).set({ lessonId }).where(inArray(kbMisses.id, missIds));
    const followers =
      input.kind === "noise"
        ? []
        : await txn
            .select({ id: kbFollowers.id })
            .from(kbFollowers)
            .where(inArray(kbFollowers.missId, missIds));
    if (followers.length)
      await txn
        .insert(outbox)
        .values(
          followers.map((f) => ({
            queue: QUEUES.lessonNotify,
            jobId: `lesson-${f.id}`,
            payload: { followerId: f.id },
          })),
        )
        .onConflictDoNothing();
    await audit(txn as unknown as Db, {
      officerId: input.officerId,
      action: "lesson_created",
      targetType: "lesson",
      targetId: String(lessonId),
      data: { kind: input.kind, procedureCode: values.procedureCode, misses: missIds.length },
      ip: input.ip,
    });
    return { lessonId, resolved: missIds.length, followers: followers.length };
  });
}

/** Retires a lesson: the bot stops following it (its misses stay answered), audited. */
export async function retireLesson(
  deps: { db: Db; now?: () => Date },
  input: { lessonId: number; officerId: number; ip?: string },
): Promise<void> {
  const now = deps.now?.() ?? new Date();
  const done = await deps.db
    .update(kbLessons)
    .set({ retiredAt: now, updatedAt: now })
    .where(and(eq(kbLessons.id, input.lessonId), isNull(kbLessons.retiredAt)))
    .returning({ id: kbLessons.id });
  if (done.length === 0) throw new AppError("not_found", "no such live lesson");
  await audit(deps.db, {
    officerId: input.officerId,
    action: "lesson_retired",
    targetType: "lesson",
    targetId: String(input.lessonId),
    ip: input.ip,
  });
}
