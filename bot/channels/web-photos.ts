import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { AttachmentRejected } from "../../feedback/attachment-rejected.js";
import { type ImageType, sniffImageType } from "../../feedback/attachment-store.js";

/** The reference a staged web photo goes by in a PAKN's attachments (resolved by the attachments worker). */
export const WEB_PHOTO_REFERENCE = "web-photo:";

/** How long an uploaded photo waits for its PAKN to be filed and fetched. */
export const WEB_PHOTO_TTL_SECONDS = 3 * 24 * 60 * 60;

/** Photos one conversation may upload per TTL window (the intake keeps at most five). */
export const WEB_PHOTO_LIMIT = 10;

/** Why an upload is refused, in words the page shows to the citizen. */
export type PhotoRefusal = "too_large" | "not_image" | "too_many" | "empty";

/** A photo kept for the intake, or why it is not. */
export type StagedPhoto =
  | { ok: true; reference: string; mimeType: ImageType; size: number }
  | { ok: false; reason: PhotoRefusal };

/** Photos a web chat visitor attached, held until the PAKN pipeline fetches them. */
export interface WebPhotos {
  /** The largest photo kept, in bytes. */
  readonly maxBytes: number;
  /** Checks (size, type read from the bytes) and keeps one photo for a conversation. */
  stage(conversation: string, bytes: Uint8Array): Promise<StagedPhoto>;
  /** Drops a staged photo nobody will fetch (the conversation was not asking for one). */
  discard(reference: string): Promise<void>;
  /** The bytes behind a `web-photo:` reference; AttachmentRejected("gone") once expired. */
  fetch(reference: string): Promise<Uint8Array>;
}

/** The random id inside a `web-photo:` reference, if it is one. */
function idOf(reference: string): string | undefined {
  const id = reference.startsWith(WEB_PHOTO_REFERENCE) ? reference.slice(WEB_PHOTO_REFERENCE.length) : "";
  return /^[0-9a-f-]{36}$/.test(id) ? id : undefined;
}

/**
 * The web chat has no channel server to keep files like Telegram or Zalo do, so uploads wait in
 * Redis under a random id for a few days, checked as the channels' photos are (size, JPEG/PNG/WebP
 * by their first bytes); the attachments worker then stores them like any other photo.
 */
export function createWebPhotos(
  redis: Redis,
  options: { prefix?: string; maxBytes: number; ttlSeconds?: number; limit?: number },
): WebPhotos {
  const prefix = `${options.prefix ?? "motcua:"}web-photo:`;
  const ttl = options.ttlSeconds ?? WEB_PHOTO_TTL_SECONDS;
  return {
    maxBytes: options.maxBytes,
    async stage(conversation, bytes) {
      if (bytes.length === 0) return { ok: false, reason: "empty" };
      if (bytes.length > options.maxBytes) return { ok: false, reason: "too_large" };
      const mimeType = sniffImageType(bytes);
      if (!mimeType) return { ok: false, reason: "not_image" };
      const counter = `${prefix}count:${conversation}`;
      // The window starts with the first upload (SET NX), so uploading again does not extend it.
      const replies = (await redis.multi().set(counter, 0, "EX", ttl, "NX").incr(counter).exec()) as [
        [unknown, unknown],
        [unknown, number],
      ];
      const count = replies[1][1];
      if (count > (options.limit ?? WEB_PHOTO_LIMIT)) return { ok: false, reason: "too_many" };
      const id = randomUUID();
      await redis.set(`${prefix}${id}`, Buffer.from(bytes), "EX", ttl);
      return { ok: true, reference: `${WEB_PHOTO_REFERENCE}${id}`, mimeType, size: bytes.length };
    },
    async discard(reference) {
      const id = idOf(reference);
      if (id) await redis.del(`${prefix}${id}`);
    },
    async fetch(reference) {
      const id = idOf(reference);
      if (!id) throw new AttachmentRejected("unsupported_reference");
      const bytes = await redis.getBuffer(`${prefix}${id}`);
      if (!bytes) throw new AttachmentRejected("gone");
      return bytes;
    },
  };
}
