import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

/** The Redis the tests use (scripts/test.sh makes sure it answers). */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** A Redis connection and a key prefix of this test's own, removed by `dispose`. */
export function createTestRedis(): { redis: Redis; prefix: string; dispose: () => Promise<void> } {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const prefix = `motcua:test:${randomBytes(4).toString("hex")}:`;
  return {
    redis,
    prefix,
    dispose: async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  };
}
