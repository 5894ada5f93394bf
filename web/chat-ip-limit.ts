import { createHash } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import type { Redis } from "ioredis";

/** The web chat's per-address budget: messages, and new (cookie-less) conversations, per window. */
export interface ChatIpLimitOptions {
  windowSeconds: number;
  /** Messages one address may send per window. */
  messages: number;
  /** Conversations one address may start per window (each one is a session kept in Redis). */
  newSessions: number;
}

/** The verdict on one message: go ahead, or wait this many seconds. */
export type ChatIpVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts web chat messages and new conversations per client address, shared by all web processes. */
export interface ChatIpLimit {
  check(ip: string, input: { newSession: boolean }): Promise<ChatIpVerdict>;
}

/**
 * The unit a client is counted by: an IPv4 address, or an IPv6 /64 (one subscriber's network,
 * which can pick any of its 2^64 addresses), hashed so no address is kept in Redis.
 */
export function clientBucket(ip: string): string {
  return createHash("sha256").update(networkOf(ip)).digest("hex").slice(0, 32);
}

function networkOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  const [head = "", tail] = ip.toLowerCase().split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  const left = groups(head);
  // An embedded IPv4 tail takes two groups; only the first four groups matter here.
  const rightLength =
    tail === undefined ? 0 : groups(tail).reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  const full = tail === undefined ? left : [...left, ...Array(8 - left.length - rightLength).fill("0")];
  return `${full
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/**
 * Fixed windows taken from the injected clock (so tests move time), each counter key created with
 * its expiry in the same transaction (`SET NX EX` then `INCR`), so no key outlives its window.
 * When Redis is away every message is let through: the conversation core degrades on its own.
 */
export function createChatIpLimit(
  redis: Redis,
  options: ChatIpLimitOptions & { now: () => number; prefix?: string; onRedisError?: (err: unknown) => void },
): ChatIpLimit {
  const prefix = `${options.prefix ?? "motcua:"}chat-ip:`;
  const windowMs = options.windowSeconds * 1000;
  return {
    async check(ip, { newSession }) {
      const now = options.now();
      const window = Math.floor(now / windowMs);
      const base = `${prefix}${clientBucket(ip)}:${window}:`;
      const ttl = options.windowSeconds + 1;
      const tx = redis.multi().set(`${base}m`, "0", "EX", ttl, "NX").incr(`${base}m`);
      if (newSession) tx.set(`${base}s`, "0", "EX", ttl, "NX").incr(`${base}s`);
      let results: [Error | null, unknown][] | null;
      try {
        results = await tx.exec();
      } catch (err) {
        options.onRedisError?.(err);
        return { allowed: true };
      }
      const failed = results?.find(([err]) => err)?.[0];
      if (failed) options.onRedisError?.(failed);
      const messages = Number(results?.[1]?.[1] ?? 0);
      const sessions = newSession ? Number(results?.[3]?.[1] ?? 0) : 0;
      if (messages <= options.messages && sessions <= options.newSessions) return { allowed: true };
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000)),
      };
    },
  };
}
