import type { Session, SessionStore } from "./session.js";

/**
 * Sessions in process memory with a TTL: the fallback of single-process CLIs when Redis cannot
 * be reached, so follow-ups still work; servers always use Redis.
 */
export function createMemorySessionStore(options: { ttlSeconds: number }): SessionStore {
  const entries = new Map<string, { session: Session; expires: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires < Date.now()) {
        entries.delete(key);
        return undefined;
      }
      return structuredClone(entry.session);
    },
    async set(key, session) {
      entries.set(key, {
        session: structuredClone(session),
        expires: Date.now() + options.ttlSeconds * 1000,
      });
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}
