import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** Telegram's limit for `callback_data`, in bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

const DIRECT = "p:";
const STORED = "k:";

/** Turns button payloads into Telegram callback data and back. */
export interface CallbackData {
  /** The callback data for a payload: the payload itself when it fits, otherwise a stored key. */
  encode(payload: string): Promise<string>;
  /**
   * The payload behind callback data. Data we cannot resolve (expired key, an older format) comes
   * back unchanged, so the conversation core answers it as an unknown button.
   */
  decode(data: string): Promise<string>;
}

/**
 * Keeps callback data within Telegram's 64 bytes: short payloads travel inline (`p:<payload>`),
 * longer ones are stored in Redis under a hash of the payload (`k:<key>`) for `ttlSeconds`, so any
 * process can resolve a press.
 */
export function createCallbackData(
  redis: Redis,
  options: { prefix?: string; ttlSeconds?: number } = {},
): CallbackData {
  const prefix = `${options.prefix ?? "motcua:"}telegram:button:`;
  const ttlSeconds = options.ttlSeconds ?? 7 * 24 * 60 * 60;

  return {
    async encode(payload) {
      const direct = `${DIRECT}${payload}`;
      if (Buffer.byteLength(direct, "utf8") <= CALLBACK_DATA_MAX_BYTES) return direct;
      const key = createHash("sha256").update(payload).digest("base64url").slice(0, 22);
      await redis.set(`${prefix}${key}`, payload, "EX", ttlSeconds);
      return `${STORED}${key}`;
    },
    async decode(data) {
      if (data.startsWith(DIRECT)) return data.slice(DIRECT.length);
      if (data.startsWith(STORED)) return (await redis.get(`${prefix}${data.slice(STORED.length)}`)) ?? data;
      return data;
    },
  };
}
