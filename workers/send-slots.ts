import type { Redis } from "ioredis";
import { SendLater } from "../feedback/send-later.js";

/**
 * Reserves the next free instant of a key spaced `interval` ms apart, on Redis' clock (shared by
 * every worker process). A wait longer than `maxWait` reserves nothing and answers negative.
 * KEYS[1] = key; ARGV = interval, maxWait. Returns the wait in ms (>= 0) or -(wait) when refused.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local wait = math.max(nextFree - now, 0)
if wait > tonumber(ARGV[2]) then return -wait end
redis.call('SET', KEYS[1], now + wait + interval, 'PX', wait + interval + 1000)
return wait`;

/** Spaced send slots per key (a chat, a bot), shared by every process through Redis. */
export interface SendSlots {
  /**
   * Waits for the next slot of `key` (at most `intervalMs` apart from the previous one); throws
   * SendLater, reserving nothing, when that slot is more than `maxWaitMs` away.
   */
  take(key: string, intervalMs: number): Promise<void>;
}

/** Slots kept in Redis under `<prefix>send-slot:<key>`; `maxWaitMs` (default 2 s) bounds a wait in place. */
export function createSendSlots(
  redis: Redis,
  options: { prefix?: string; maxWaitMs?: number } = {},
): SendSlots {
  const prefix = `${options.prefix ?? "motcua:"}send-slot:`;
  const maxWaitMs = options.maxWaitMs ?? 2_000;
  return {
    async take(key, intervalMs) {
      const wait = Number(await redis.eval(RESERVE, 1, `${prefix}${key}`, intervalMs, maxWaitMs));
      if (wait < 0) throw new SendLater(-wait);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}
