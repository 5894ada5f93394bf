import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** Runs one conversation's turns one at a time, in arrival order, across all processes. */
export interface ConversationLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A local FIFO per conversation (order within this process) plus a Redis lease (order between
 * processes). When Redis is away the local order still holds and the turn is not held back.
 */
export function createConversationLock(
  redis: Redis,
  options: {
    prefix?: string;
    leaseMs?: number;
    waitMs?: number;
    pollMs?: number;
    onRedisError?: (err: unknown) => void;
  } = {},
): ConversationLock {
  const prefix = `${options.prefix ?? "motcua:"}lock:`;
  const leaseMs = options.leaseMs ?? 30_000;
  const waitMs = options.waitMs ?? 20_000;
  const pollMs = options.pollMs ?? 25;
  const tails = new Map<string, Promise<unknown>>();

  async function acquire(key: string): Promise<string | null> {
    const token = randomUUID();
    const deadline = Date.now() + waitMs;
    try {
      while (Date.now() < deadline) {
        if ((await redis.set(prefix + key, token, "PX", leaseMs, "NX")) === "OK") return token;
        await sleep(pollMs);
      }
    } catch (err) {
      options.onRedisError?.(err);
    }
    // Waited long enough (a crashed holder, or Redis away): go on rather than leave the citizen waiting.
    return null;
  }

  async function release(key: string, token: string | null): Promise<void> {
    if (!token) return;
    try {
      await redis.eval(RELEASE_SCRIPT, 1, prefix + key, token);
    } catch (err) {
      options.onRedisError?.(err);
    }
  }

  return {
    run(key, work) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(async () => {
        const token = await acquire(key);
        try {
          return await work();
        } finally {
          await release(key, token);
        }
      });
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
