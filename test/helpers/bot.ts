import type { Redis } from "ioredis";
import { createBot } from "../../bot/core/create-bot.js";
import type { Dispatcher } from "../../bot/core/dispatch.js";
import { createRedisDispatcher } from "../../bot/core/redis-dispatcher.js";
import { createRedisSessionStore } from "../../bot/core/redis-session-store.js";
import type { Db } from "../../db/client.js";
import { createFeedbackService, type FeedbackService } from "../../feedback/feedback-service.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import type { LearningService } from "../../feedback/learning/learning-service.js";
import { workingDayDueDates } from "../../feedback/pakn-due-dates.js";
import { bundledKnowledgeBase, silentLogger } from "./knowledge.js";

/**
 * The conversation core on the bundled knowledge base behind the real Redis dispatcher (sessions,
 * dedupe, conversation lock, flood limit), all under the test's own key prefix; with a PAKN service
 * when the test gives one.
 */
export function createTestDispatcher(
  test: { redis: Redis; prefix: string },
  options: {
    flood?: { limit?: number; windowSeconds?: number };
    feedback?: FeedbackService;
    learning?: LearningService;
  } = {},
): Dispatcher {
  const { feedback, learning, ...rest } = options;
  const bot = createBot({
    kb: bundledKnowledgeBase(),
    logger: silentLogger,
    ...(feedback ? { feedback } : {}),
    ...(learning ? { learning } : {}),
    sessions: createRedisSessionStore(test.redis, { ttlSeconds: 600, prefix: `${test.prefix}session:` }),
  });
  return createRedisDispatcher({
    bot,
    redis: test.redis,
    logger: silentLogger,
    prefix: test.prefix,
    ...rest,
  });
}

/** The PAKN service on a test database, as the app wires it (working-day due dates). */
export function testFeedbackService(db: Db): FeedbackService {
  return createFeedbackService({ db, dueDates: workingDayDueDates(loadWorkingCalendar()) });
}
