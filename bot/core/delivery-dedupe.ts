import type { Redis } from "ioredis";

/**
 * Remembers which deliveries (channel + message/update id) were already taken, across processes,
 * so a webhook delivered twice is handled once.
 */
export interface DeliveryDedupe {
  /** True the first time this delivery is seen; false for a redelivery. */
  claim(channel: string, deliveryId: string): Promise<boolean>;
  /** Lets a redelivery through again, after handling failed before anything was sent. */
  release(channel: string, deliveryId: string): Promise<void>;
}

/** Deliveries are remembered for a day: channels redeliver within minutes or hours. */
const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

/** Redis-backed dedupe with `SET NX EX`. */
export function createDeliveryDedupe(
  redis: Redis,
  options: { prefix?: string; ttlSeconds?: number } = {},
): DeliveryDedupe {
  const prefix = `${options.prefix ?? "motcua:"}seen:`;
  const ttl = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  const key = (channel: string, id: string) => `${prefix}${channel}:${id}`;
  return {
    async claim(channel, deliveryId) {
      const ok = await redis.set(key(channel, deliveryId), "1", "EX", ttl, "NX");
      return ok === "OK";
    },
    async release(channel, deliveryId) {
      await redis.del(key(channel, deliveryId));
    },
  };
}
