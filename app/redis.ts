import { Redis } from "ioredis";

/**
 * A Redis connection for request paths: commands fail fast while Redis is away instead of
 * queueing forever, and the client keeps reconnecting in the background.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  });
}
