import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { createConversationLock } from "./conversation-lock.js";
import type { Bot } from "./create-bot.js";
import { createDeliveryDedupe } from "./delivery-dedupe.js";
import { createDispatcher, type Dispatcher } from "./dispatch.js";
import { createFloodLimit } from "./flood-limit.js";

/** The dispatcher every process uses: dedupe, conversation order and flood limit shared through Redis. */
export function createRedisDispatcher(deps: {
  bot: Bot;
  redis: Redis;
  logger: Logger;
  /** Key prefix, so tests keep to their own keys. */
  prefix?: string;
  flood?: { limit?: number; windowSeconds?: number };
}): Dispatcher {
  const { redis, prefix, logger } = deps;
  return createDispatcher({
    bot: deps.bot,
    logger,
    dedupe: createDeliveryDedupe(redis, { prefix }),
    lock: createConversationLock(redis, {
      prefix,
      onRedisError: (err) => logger.warn({ err }, "conversation lock unavailable, keeping local order only"),
    }),
    flood: createFloodLimit(redis, { prefix, ...deps.flood }),
  });
}
