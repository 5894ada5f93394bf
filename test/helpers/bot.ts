import type { Redis } from "ioredis";
import { createBot } from "../../bot/core/create-bot.js";
import type { Dispatcher } from "../../bot/core/dispatch.js";
import { createRedisDispatcher } from "../../bot/core/redis-dispatcher.js";
import { createRedisSessionStore } from "../../bot/core/redis-session-store.js";
import { bundledKnowledgeBase, silentLogger } from "./knowledge.js";

/**
 * The conversation core on the bundled knowledge base behind the real Redis dispatcher (sessions,
 * dedupe, conversation lock, flood limit), all under the test's own key prefix.
 */
export function createTestDispatcher(
  test: { redis: Redis; prefix: string },
  options: { flood?: { limit?: number; windowSeconds?: number } } = {},
): Dispatcher {
  const bot = createBot({
    kb: bundledKnowledgeBase(),
    logger: silentLogger,
    sessions: createRedisSessionStore(test.redis, { ttlSeconds: 600, prefix: `${test.prefix}session:` }),
  });
  return createRedisDispatcher({
    bot,
    redis: test.redis,
    logger: silentLogger,
    prefix: test.prefix,
    ...options,
  });
}
