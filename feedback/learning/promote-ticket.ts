import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { auditLog, kbLessonPhrases, kbLessons, pakn } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import { ANSWERED_STATUSES } from "../lifecycle.js";
import { audit } from "../officers/audit.js";
import { redactForPublic } from "../redact.js";
import { MAX_ANSWER_CHARS } from "./resolve-misses.js";

/** Statuses in which a question ticket's answer is final enough to answer others with. */
const ANSWERED: ReadonlySet<string> = new Set(ANSWERED_STATUSES);

/**
 * Promotes a citizen's question ticket ("Gửi câu hỏi cho cán bộ") that an officer answered to an
 * official short answer (FAQ lesson) in one step: the question becomes its example phrasing and the
 * answer its text, both redacted as for publication (the published versions when there are), the
 * source naming the ticket. A ticket is promoted once (audited).
 */
export async function promoteTicket(
  deps: { db: Db; now?: () => Date },
  input: { code: string; officerId: number; source?: string; ip?: string },
): Promise<{ lessonId: number }> {
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const [row] = await tx.select().from(pakn).where(eq(pakn.code, input.code)).for("update");
    if (row?.kind !== "question") throw new AppError("not_found", "no such question ticket");
    if (!row.answer || !ANSWERED.has(row.status))
      throw new AppError("bad_request", "the ticket has no answer yet", {
        problems: ["phiếu câu hỏi chưa có câu trả lời"],
      });
    const done = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.action, "ticket_promoted"), eq(auditLog.targetId, row.code)));
    if (done.length) throw new AppError("conflict", "this ticket was already promoted");
    const sender = { name: row.contactName, phone: row.contactPhone, address: row.contactAddress };
    const question = row.publicQuestion ?? redactForPublic(row.content, sender);
    const answer = (row.publicAnswer ?? redactForPublic(row.answer, sender)).slice(0, MAX_ANSWER_CHARS);
    const source = redactForPublic(input.source?.trim() || `Trả lời phiếu câu hỏi ${row.code}`).slice(0, 300);
    const [lesson] = await tx
      .insert(kbLessons)
      .values({ kind: "faq", answer, source, createdBy: input.officerId, createdAt: now, updatedAt: now })
      .returning({ id: kbLessons.id });
    const lessonId = (lesson as { id: number }).id;
    await tx.insert(kbLessonPhrases).values({ lessonId, text: question, createdAt: now });
    await audit(tx, {
      officerId: input.officerId,
      action: "ticket_promoted",
      targetType: "pakn",
      targetId: row.code,
      data: { lessonId },
      ip: input.ip,
    });
    return { lessonId };
  });
}
