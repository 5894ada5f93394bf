import type { Redis } from "ioredis";
import { DEFAULT_UPLOAD_MAX_BYTES } from "../../feedback/attachment-store.js";
import type { Reply } from "../../lib/reply.js";
import type { Channel } from "./channel.js";
import { createWebPhotos, type WebPhotos } from "./web-photos.js";
import { createWebTranscript, type WebTranscript } from "./web-transcript.js";

/** Messages waiting for a web chat visitor are kept this long (the chat cookie lives 30 days). */
const INBOX_TTL_SECONDS = 30 * 24 * 60 * 60;

/** At most this many waiting messages per visitor; older ones give way. */
const INBOX_LIMIT = 50;

/** A page that polled within this long is open: what is pushed now shows at its next poll. */
const LIVE_SECONDS = 60;

/**
 * The web chat's server-side state per visitor: messages that arrived while nobody asked (PAKN status
 * changes), the recent transcript shown again after a reload, and photos attached for a PAKN.
 */
export interface WebInbox {
  /** The web chat as a channel that can push: it keeps the replies until the page collects them. */
  channel: Channel;
  /** Takes (and removes) what waits for a conversation, oldest first; the page asking is open now. */
  collect(conversation: string): Promise<Reply[]>;
  /** The recent conversation, so a reload shows it again. */
  transcript: WebTranscript;
  /** Photos uploaded from the page, waiting for the PAKN pipeline. */
  photos: WebPhotos;
}

/**
 * The web chat cannot reach a visitor unprompted, so pushed replies wait in Redis under the
 * conversation's cookie id until the page asks for them (it polls), shared by every web process.
 */
export function createWebInbox(
  redis: Redis,
  options: { prefix?: string; maxPhotoBytes?: number; transcriptTtlSeconds?: number } = {},
): WebInbox {
  const key = (conversation: string) => `${options.prefix ?? "motcua:"}web-inbox:${conversation}`;
  const liveKey = (conversation: string) => `${options.prefix ?? "motcua:"}web-live:${conversation}`;
  return {
    channel: {
      name: "web",
      async push(conversation, replies) {
        if (replies.length === 0) return;
        const k = key(conversation);
        await redis
          .multi()
          .rpush(k, ...replies.map((r) => JSON.stringify(r)))
          .ltrim(k, -INBOX_LIMIT, -1)
          .expire(k, INBOX_TTL_SECONDS)
          .exec();
      },
      async isLive(conversation) {
        return (await redis.exists(liveKey(conversation))) === 1;
      },
    },
    transcript: createWebTranscript(redis, {
      prefix: options.prefix,
      ttlSeconds: options.transcriptTtlSeconds,
    }),
    photos: createWebPhotos(redis, {
      prefix: options.prefix,
      maxBytes: options.maxPhotoBytes ?? DEFAULT_UPLOAD_MAX_BYTES,
    }),
    async collect(conversation) {
      const k = key(conversation);
      const [[, items]] = (await redis
        .multi()
        .lrange(k, 0, -1)
        .del(k)
        .set(liveKey(conversation), "1", "EX", LIVE_SECONDS)
        .exec()) as [[unknown, string[]]];
      return items.flatMap((raw) => {
        try {
          return [JSON.parse(raw) as Reply];
        } catch {
          return [];
        }
      });
    },
  };
}
