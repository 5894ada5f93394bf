import type { Redis } from "ioredis";
import type { Session, SessionStore } from "./session.js";

/**
 * Sessions in Redis as JSON with a sliding TTL, so any number of processes serve the same chat
 * and idle conversations are forgotten.
 */
export function createRedisSessionStore(
  redis: Redis,
  options: { ttlSeconds: number; prefix?: string },
): SessionStore {
  const prefix = options.prefix ?? "motcua:session:";
  // While Redis is known to be away, fail at once instead of making the citizen wait for retries.
  const assertUp = () => {
    if (redis.status === "reconnecting" || redis.status === "end" || redis.status === "close") {
      throw new Error(`redis is ${redis.status}`);
    }
  };
  return {
    async get(key) {
      assertUp();
      const raw = await redis.get(prefix + key);
      if (!raw) return undefined;
      try {
        return JSON.parse(raw) as Session;
      } catch {
        return undefined;
      }
    },
    async set(key, session) {
      assertUp();
      await redis.set(prefix + key, JSON.stringify(session), "EX", options.ttlSeconds);
    },
    async delete(key) {
      assertUp();
      await redis.del(prefix + key);
    },
  };
}
