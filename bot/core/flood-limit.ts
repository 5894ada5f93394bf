import type { Redis } from "ioredis";

/** What to do with a citizen's message given how fast they are sending. */
export type FloodVerdict = "ok" | "warn" | "drop";

/** Counts messages per sender in a fixed window; the first message over the limit gets a polite warning. */
export interface FloodLimit {
  check(channel: string, user: string): Promise<FloodVerdict>;
}

/** Redis fixed-window counter shared by all processes; when Redis is away every message is let through. */
export function createFloodLimit(
  redis: Redis,
  options: { prefix?: string; limit?: number; windowSeconds?: number } = {},
): FloodLimit {
  const prefix = `${options.prefix ?? "motcua:"}flood:`;
  const limit = options.limit ?? 20;
  const windowSeconds = options.windowSeconds ?? 60;
  return {
    async check(channel, user) {
      const key = `${prefix}${channel}:${user}`;
      try {
        // SET … NX EX then INCR keeps the window's expiry on Redis 6.2 too (EXPIRE … NX needs Redis 7).
        const replies = (await redis.multi().set(key, "0", "EX", windowSeconds, "NX").incr(key).exec()) as [
          [unknown, unknown],
          [unknown, number],
        ];
        const count = replies[1][1];
        if (count <= limit) return "ok";
        return count === limit + 1 ? "warn" : "drop";
      } catch {
        return "ok";
      }
    },
  };
}
