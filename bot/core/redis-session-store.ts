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
  return {
    async get(key) {
      const raw = await redis.get(prefix + key);
      if (!raw) return undefined;
      try {
        return JSON.parse(raw) as Session;
      } catch {
        return undefined;
      }
    },
    async set(key, session) {
      await redis.set(prefix + key, JSON.stringify(session), "EX", options.ttlSeconds);
    },
    async delete(key) {
      await redis.del(prefix + key);
    },
  };
}
