import type { Redis } from "ioredis";
import { type Session, type SessionStore, sessionKey } from "./session.js";

/** Largest session (JSON, in bytes) the store keeps unless told otherwise. */
export const DEFAULT_SESSION_MAX_BYTES = 32 * 1024;

/** Raised when a session stays larger than the store's bound even after its disposable parts are dropped. */
export class SessionTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`session of ${bytes} bytes is over the store's bound`);
    this.name = "SessionTooLargeError";
  }
}

/**
 * True when a session holds something its visitor will want back later: a second message, a PAKN
 * being written, a filed PAKN's code, an officer's question to answer. A session that saw one
 * question and nothing more is provisional.
 */
export function sessionWorthKeeping(session: Session): boolean {
  return (
    session.turns >= 2 ||
    (session.intake !== undefined && session.intake.step !== "offer") ||
    session.lastPakn !== undefined ||
    session.supplement !== undefined
  );
}

/** Drops the parts of a session that only help a follow-up question, to keep the important ones under a bound. */
function withoutDisposables(session: Session): Session {
  const {
    handoffQuestion: _h,
    candidateCodes: _c,
    pendingFields: _p,
    recentCodes: _r,
    lastOutOfScope: _o,
    lastQuestion: _q,
    clarifyMissId: _m,
    ...kept
  } = session;
  if (kept.supplement?.text !== undefined) kept.supplement = { ...kept.supplement, text: undefined };
  return kept;
}

/**
 * Sessions in Redis as JSON with a sliding TTL, so any number of processes serve the same chat
 * and idle conversations are forgotten. Sessions of the `shortLived` channels (the anonymous web
 * chat) get the short TTL until they hold something worth keeping, and no session grows past `maxBytes`.
 */
export function createRedisSessionStore(
  redis: Redis,
  options: {
    ttlSeconds: number;
    prefix?: string;
    /** Channels whose one-question sessions expire sooner (anyone can start any number of them). */
    shortLived?: { ttlSeconds: number; channels: string[] };
    /** Bound on one session's JSON; default DEFAULT_SESSION_MAX_BYTES. */
    maxBytes?: number;
  },
): SessionStore {
  const prefix = options.prefix ?? "motcua:session:";
  const maxBytes = options.maxBytes ?? DEFAULT_SESSION_MAX_BYTES;
  const shortLivedPrefixes = (options.shortLived?.channels ?? []).map((channel) => sessionKey(channel, ""));
  const ttlOf = (key: string, session: Session): number =>
    options.shortLived && shortLivedPrefixes.some((p) => key.startsWith(p)) && !sessionWorthKeeping(session)
      ? Math.min(options.shortLived.ttlSeconds, options.ttlSeconds)
      : options.ttlSeconds;
  const serialize = (session: Session): string => {
    const json = JSON.stringify(session);
    if (Buffer.byteLength(json) <= maxBytes) return json;
    const trimmed = JSON.stringify(withoutDisposables(session));
    const bytes = Buffer.byteLength(trimmed);
    if (bytes > maxBytes) throw new SessionTooLargeError(bytes);
    return trimmed;
  };
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
      const json = serialize(session);
      assertUp();
      await redis.set(prefix + key, json, "EX", ttlOf(key, session));
    },
    async delete(key) {
      assertUp();
      await redis.del(prefix + key);
    },
  };
}
