import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { type PaknAttachment, pakn } from "../db/schema.js";
import { AttachmentRejected } from "./attachment-rejected.js";
import type { AttachmentStore } from "./attachment-store.js";

/** Fetches the bytes of a photo reference (`file-id:<id>` from Telegram, an image URL from Zalo). */
export type FetchPhoto = (reference: string, channel: string) => Promise<Uint8Array>;

/** What storing a PAKN's photos did. */
export interface StorePhotosResult {
  stored: number;
  rejected: number;
  /** Photos left for a later attempt (a transient failure, rethrown after progress is saved). */
  pending: number;
}

/** Whether a photo still waits to be fetched: an image with a reference and neither a file nor a verdict. */
const waiting = (a: PaknAttachment) => a.kind === "image" && !a.path && !a.rejected;

/**
 * Fetches and stores every photo of a PAKN not yet stored, then records on the PAKN each photo's
 * file (path, type, size) or why it was refused. Photos already stored are skipped, so a
 * redelivered job stores nothing twice. A transient failure is rethrown after the others are
 * saved, unless `lastAttempt`: then the photo is recorded as unavailable rather than retried forever.
 * Returns "missing" when the PAKN does not exist.
 */
export async function storePaknPhotos(
  deps: { db: Db; store: AttachmentStore; fetchPhoto: FetchPhoto },
  input: { paknId: number; lastAttempt?: boolean },
): Promise<StorePhotosResult | "missing"> {
  const [row] = await deps.db
    .select({ attachments: pakn.attachments, channel: pakn.channel })
    .from(pakn)
    .where(eq(pakn.id, input.paknId));
  if (!row) return "missing";
  const result: StorePhotosResult = { stored: 0, rejected: 0, pending: 0 };
  const changes = new Map<number, Partial<PaknAttachment>>();
  let transient: unknown;
  for (const [index, attachment] of row.attachments.entries()) {
    if (!waiting(attachment)) continue;
    try {
      const reference = attachment.url ?? attachment.path;
      if (!reference) throw new AttachmentRejected("unsupported_reference");
      const bytes = await deps.fetchPhoto(reference, row.channel);
      const file = await deps.store.save(input.paknId, index, bytes);
      changes.set(index, { path: file.path, mimeType: file.mimeType, size: file.size });
      result.stored++;
    } catch (err) {
      if (err instanceof AttachmentRejected || input.lastAttempt) {
        const reason = err instanceof AttachmentRejected ? err.reason : "unavailable";
        changes.set(index, { rejected: reason });
        result.rejected++;
      } else {
        transient ??= err;
        result.pending++;
      }
    }
  }
  if (changes.size > 0) await recordChanges(deps.db, input.paknId, changes);
  if (transient) throw transient;
  return result;
}

/** Merges the outcomes into the stored list under a row lock (by position: the list only ever grows). */
async function recordChanges(db: Db, paknId: number, changes: Map<number, Partial<PaknAttachment>>) {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ attachments: pakn.attachments })
      .from(pakn)
      .where(eq(pakn.id, paknId))
      .for("update");
    if (!current) return;
    const attachments = current.attachments.map((a, i) => {
      const change = changes.get(i);
      if (!change || !waiting(a)) return a;
      // A refused photo keeps no size or type from the channel: nothing about it was verified.
      return change.rejected ? { kind: a.kind, url: a.url, rejected: change.rejected } : { ...a, ...change };
    });
    await tx.update(pakn).set({ attachments }).where(eq(pakn.id, paknId));
  });
}
