import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import { configSchema } from "../../app/config.js";
import { pushThrough } from "../../app/worker-role.js";
import type { Channel } from "../../bot/channels/channel.js";
import { createTelegramChannel } from "../../bot/channels/telegram/index.js";
import type { Database } from "../../db/client.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { loadAgencies } from "../../feedback/routing/agencies.js";
import { createRouter } from "../../feedback/routing/router.js";
import { buildWebApp } from "../../web/app.js";
import type { SiteDeps } from "../../web/site.js";
import { startClassifyWorker } from "../../workers/classify-worker.js";
import { startNotifyWorker } from "../../workers/notify-worker.js";
import { startOutboxRelay } from "../../workers/outbox-relay.js";
import { closeQueues, createQueueConnection, createQueues } from "../../workers/queues.js";
import { createTestDispatcher, testFeedbackService } from "./bot.js";
import { createTestDatabase } from "./databases.js";
import { type FakeTelegram, startFakeTelegram } from "./fake-telegram.js";
import { bundledKnowledgeBase, silentLogger } from "./knowledge.js";
import { createTestRedis, TEST_REDIS_URL } from "./redis.js";

const TOKEN = "616161616:AAwalkthrough-token-for-the-fake-bot";
const SECRET = "tg-walkthrough-secret-0123456789";

/** The whole desk as a province runs it, in one process, listening on a random local port. */
export interface WalkthroughRig {
  base: string;
  app: FastifyInstance;
  database: Database;
  redis: Redis;
  telegram: FakeTelegram;
  /** Posts one Telegram update to the webhook over HTTP, as Telegram would. */
  postUpdate(update: Record<string, unknown>): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Starts the real web app with the site (console, public pages) on the PostgreSQL server and
 * Redis, the Telegram channel against the fake Bot API, and the PAKN pipeline's outbox relay,
 * classify and notify workers, so routing and notifications really happen.
 */
export async function startWalkthroughRig(): Promise<WalkthroughRig> {
  const r = createTestRedis();
  const prefix = r.prefix.slice(0, -1);
  const { database, dispose: dropDatabase } = await createTestDatabase("pg");
  const db = database.db;
  const telegram = await startFakeTelegram(TOKEN);
  const kb = bundledKnowledgeBase();
  const agencies = loadAgencies();
  const feedback = testFeedbackService(db);
  const dispatcher = createTestDispatcher(r, { feedback });
  const config = configSchema.parse({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  });
  const channel: Channel = createTelegramChannel({
    config,
    dispatcher,
    logger: silentLogger,
    redis: r.redis,
    prefix: r.prefix,
  });
  const site: SiteDeps = {
    db,
    redis: r.redis,
    kb,
    feedback,
    agencies,
    calendar: loadWorkingCalendar(),
    open311ApiKeys: [],
    secureCookies: false,
    redisPrefix: r.prefix,
  };
  const app = await buildWebApp({
    dispatcher,
    channels: [channel],
    logger: silentLogger,
    sessionSecret: "walkthrough-session-secret-0123456789",
    secureCookies: false,
    probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
    site,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

  const connection = createQueueConnection(TEST_REDIS_URL);
  const queues = createQueues(connection, { prefix });
  const relay = startOutboxRelay({ db, queues, logger: silentLogger });
  const router = createRouter({ knowledge: kb, agencies });
  const classify = startClassifyWorker({ db, router, connection, logger: silentLogger, prefix });
  const push = pushThrough([channel]);
  const notify = startNotifyWorker({ db, push, agencies, connection, logger: silentLogger, prefix });

  let updateId = 500_000;
  return {
    base,
    app,
    database,
    redis: r.redis,
    telegram,
    async postUpdate(update) {
      const res = await fetch(`${base}/webhooks/telegram`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify({ update_id: ++updateId, ...update }),
      });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    },
    async dispose() {
      await relay.stop();
      await Promise.all([classify.close(), notify.close()]);
      await closeQueues(queues);
      await connection.quit();
      await app.close();
      await channel.stop?.();
      await telegram.close();
      await dropDatabase();
      // The queues' keys live under the test's prefix too, so this removes them.
      await r.dispose();
    },
  };
}
