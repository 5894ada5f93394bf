import type { Redis } from "ioredis";
import type { Reply } from "../core/types.js";
import type { Channel } from "./channel.js";

/** Messages waiting for a web chat visitor are kept this long (the chat cookie lives 30 days). */
const INBOX_TTL_SECONDS = 30 * 24 * 60 * 60;

/** At most this many waiting messages per visitor; older ones give way. */
const INBOX_LIMIT = 50;

/** Messages for web chat visitors that arrived while nobody asked (PAKN status changes). */
export interface WebInbox {
  /** The web chat as a channel that can push: it keeps the replies until the page collects them. */
  channel: Channel;
  /** Takes (and removes) what waits for a conversation, oldest first. */
  collect(conversation: string): Promise<Reply[]>;
}

/**
 * The web chat cannot reach a visitor unprompted, so pushed replies wait in Redis under the
 * conversation's cookie id until the page asks for them (it polls), shared by every web process.
 */
export function createWebInbox(redis: Redis, options: { prefix?: string } = {}): WebInbox {
  const key = (conversation: string) => `${options.prefix ?? "motcua:"}web-inbox:${conversation}`;
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
    },
    async collect(conversation) {
      const k = key(conversation);
      const [[, items]] = (await redis.multi().lrange(k, 0, -1).del(k).exec()) as [[unknown, string[]]];
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
