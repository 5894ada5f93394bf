import { eq, sql } from "drizzle-orm";
import { pakn } from "../../db/schema.js";
import { type ActionDeps, type ActionTarget, runPaknAction } from "./action-runner.js";
import { refuse } from "./refusal.js";

/**
 * Marks a photo of the item as checked safe for the public (no face, plate, document or other
 * personal data visible), or takes the mark back; only safe photos are ever published.
 */
export async function markPhotoSafe(
  deps: ActionDeps,
  target: ActionTarget & { index: number; safe: boolean },
) {
  return runPaknAction(deps, target, "photo", async (tx, row) => {
    const photo = row.attachments[target.index];
    if (!Number.isSafeInteger(target.index) || !photo || photo.kind !== "image" || !photo.path)
      throw refuse("bad_request", "no such photo", "Không tìm thấy ảnh này trong phản ánh.");
    const attachments = row.attachments.map((a, i) => (i === target.index ? { ...a, safe: target.safe } : a));
    const [updated] = await tx
      .update(pakn)
      .set({ attachments, updatedAt: sql`now()` })
      .where(eq(pakn.id, row.id))
      .returning();
    if (!updated) throw new Error("photo mark was not written");
    return { row: updated, audit: { index: target.index, safe: target.safe } };
  });
}
