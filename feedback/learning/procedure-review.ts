import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { kbProcedureReviews, officers } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import { audit } from "../officers/audit.js";

/** The longest note an editor may leave on a procedure under review. */
export const MAX_REVIEW_NOTE = 500;

/** What marking and clearing need: the database, a clock, and whether a procedure code exists. */
export interface ProcedureReviewDeps {
  db: Db;
  now?: () => Date;
  /** True when the knowledge base has the procedure (unknown codes are refused when given). */
  hasProcedure?: (code: string) => boolean | Promise<boolean>;
}

/** A procedure an editor marked "đang rà soát", as the console lists it. */
export interface ReviewingProcedure {
  code: string;
  note: string;
  markedAt: Date;
  markedBy: number | null;
  /** The name of the officer who marked it, when the officer still exists. */
  markedByName: string | null;
}

async function checkedCode(deps: ProcedureReviewDeps, code: string): Promise<string> {
  const c = code.normalize("NFC").trim();
  if (!c || c.length > 40 || (deps.hasProcedure && !(await deps.hasProcedure(c))))
    throw new AppError("not_found", "no such procedure", { code: c.slice(0, 40) });
  return c;
}

/**
 * Marks a procedure "đang rà soát" (being reviewed) with an optional note, or updates the note of
 * one already marked; the bot then gives the agency's contact instead of the details. Audited.
 */
export async function markReviewing(
  deps: ProcedureReviewDeps,
  input: { code: string; note?: string; officerId: number; ip?: string },
): Promise<void> {
  const code = await checkedCode(deps, input.code);
  const note = (input.note ?? "").normalize("NFC").trim().slice(0, MAX_REVIEW_NOTE);
  const markedAt = deps.now?.() ?? new Date();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(kbProcedureReviews)
      .values({ procedureCode: code, note: note || null, markedBy: input.officerId, markedAt })
      .onConflictDoUpdate({
        target: kbProcedureReviews.procedureCode,
        set: { note: note || null, markedBy: input.officerId, markedAt },
      });
    await audit(tx as unknown as Db, {
      officerId: input.officerId,
      action: "procedure_review_mark",
      targetType: "procedure",
      targetId: code,
      data: note ? { note } : {},
      ip: input.ip,
    });
  });
}

/** Ends the review of a procedure (the bot answers with its details again); false when it was not marked. Audited. */
export async function clearReviewing(
  deps: Pick<ProcedureReviewDeps, "db">,
  input: { code: string; officerId: number; ip?: string },
): Promise<boolean> {
  const code = input.code.normalize("NFC").trim().slice(0, 40);
  if (!code) return false;
  return deps.db.transaction(async (tx) => {
    const removed = await tx
      .delete(kbProcedureReviews)
      .where(eq(kbProcedureReviews.procedureCode, code))
      .returning({ code: kbProcedureReviews.procedureCode });
    if (removed.length === 0) return false;
    await audit(tx as unknown as Db, {
      officerId: input.officerId,
      action: "procedure_review_clear",
      targetType: "procedure",
      targetId: code,
      ip: input.ip,
    });
    return true;
  });
}

/** The procedures under review with their notes, the most recently marked first. */
export async function listReviewing(db: Db): Promise<ReviewingProcedure[]> {
  const rows = await db
    .select({
      code: kbProcedureReviews.procedureCode,
      note: kbProcedureReviews.note,
      markedAt: kbProcedureReviews.markedAt,
      markedBy: kbProcedureReviews.markedBy,
      markedByName: officers.name,
    })
    .from(kbProcedureReviews)
    .leftJoin(officers, eq(officers.id, kbProcedureReviews.markedBy))
    .orderBy(desc(kbProcedureReviews.markedAt), kbProcedureReviews.procedureCode);
  return rows.map((r) => ({ ...r, note: r.note ?? "" }));
}

/** The codes of the procedures under review, for the knowledge base's `setReviewing`. */
export async function loadReviewing(db: Db): Promise<Set<string>> {
  const rows = await db.select({ code: kbProcedureReviews.procedureCode }).from(kbProcedureReviews);
  return new Set(rows.map((r) => r.code));
}
