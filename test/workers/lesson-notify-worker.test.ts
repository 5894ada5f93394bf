import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../app/config.js";
import type { Channel } from "../../bot/channels/channel.js";
import { createTelegramChannel } from "../../bot/channels/telegram/index.js";
import { type Bot, createBot } from "../../bot/core/create-bot.js";
import { createMemorySessionStore } from "../../bot/core/memory-session-store.js";
import type { Database } from "../../db/client.js";
import { kbMisses } from "../../db/schema.js";
import { createLearningService } from "../../feedback/learning/learning-service.js";
import { resolveMisses } from "../../feedback/learning/resolve-misses.js";
import type { PushMessage } from "../../feedback/notify-citizen.js";
import { QUEUES } from "../../feedback/queue-names.js";
import { LEARNED_TEXTS } from "../../knowledge/compose/compose-learned.js";
import { startLessonNotifyWorker } from "../../workers/lesson-notify-worker.js";
import { relayOutbox } from "../../workers/outbox-relay.js";
import {
  closeQueues,
  createQueueConnection,
  createQueues,
  type PipelineQueues,
} from "../../workers/queues.js";
import { reconcileJobs } from "../../workers/reconciler.js";
import { createTestDispatcher } from "../helpers/bot.js";
import { createTestDatabase } from "../helpers/databases.js";
import { type FakeTelegram, startFakeTelegram } from "../helpers/fake-telegram.js";
import { bundledKnowledgeBase, silentLogger } from "../helpers/knowledge.js";
import { createTestRedis, TEST_REDIS_URL } from "../helpers/redis.js";
import { TEST_NOW } from "../helpers/test-clock.js";

const TOKEN = "555000222:AAlesson-test-token-for-the-fake-bot-api";
const CHAT = 4242;

describe("a citizen who asked to be told hears the editor's answer once, on Telegram", () => {
  const r = createTestRedis();
  const prefix = r.prefix.slice(0, -1);
  const kb = bundledKnowledgeBase();
  let database: Database;
  let dispose: () => Promise<void>;
  let fake: FakeTelegram;
  let channel: Channel;
  let connection: Redis;
  let queues: PipelineQueues;
  let worker: Worker;
  let bot: Bot;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pg"));
    fake = await startFakeTelegram(TOKEN);
    channel = createTelegramChannel({
      config: configSchema.parse({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot }),
      dispatcher: createTestDispatcher(r),
      logger: silentLogger,
      redis: r.redis,
      prefix: r.prefix,
    });
    const push: PushMessage = async (name, conversation, replies) => {
      if (name !== "telegram" || !channel.push) return false;
      await channel.push(conversation, replies);
      return true;
    };
    connection = createQueueConnection(TEST_REDIS_URL);
    queues = createQueues(connection, { prefix });
    worker = startLessonNotifyWorker({
      db: database.db,
      push,
      procedureOf: (code) => kb.get(code),
      connection,
      logger: silentLogger,
      prefix,
    });
    bot = createBot({
      kb,
      logger: silentLogger,
      sessions: createMemorySessionStore({ ttlSeconds: 600 }),
      learning: createLearningService({ db: database.db, now: () => TEST_NOW }),
    });
  });
  afterAll(async () => {
    await worker.close();
    await closeQueues(queues);
    await connection.quit();
    await fake.close();
    await dispose();
    await r.dispose();
  });

  it("asks, follows, is answered after the editor links the group, and never twice", async () => {
    const ask = await bot.handle({
      channel: "telegram",
      conversation: String(CHAT),
      user: "77",
      text: "Cho tôi hỏi chuyện nuôi ong lấy mật trên núi",
      kind: "text",
    });
    const follow = ask.replies.flatMap((m) => m.buttons).find((b) => b.label === LEARNED_TEXTS.follow);
    await bot.handle({
      channel: "telegram",
      conversation: String(CHAT),
      user: "77",
      payload: follow?.payload,
      kind: "payload",
    });
    const missIds = (await database.db.select().from(kbMisses)).map((m) => m.id);
    await resolveMisses(
      { db: database.db, hasProcedure: (c) => !!kb.get(c), now: () => TEST_NOW },
      {
        missIds,
        kind: "elsewhere",
        answer: "Việc nuôi ong do UBND xã nơi đặt trại ong hướng dẫn; bạn liên hệ bộ phận một cửa của xã.",
        officerId: 1,
      },
    );
    await relayOutbox({ db: database.db, queues });
    await fake.waitFor("sendMessage", 1, 20_000);
    // A rebuilt job (a Redis flush, a retry) finds the delivery done and sends nothing.
    const queue = queues[QUEUES.lessonNotify];
    let job = await queue.getJobs(["completed"]);
    for (let i = 0; i < 50 && job.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await queue.getJobs(["completed"]);
    }
    expect(job).toHaveLength(1);
    await job[0]?.remove();
    await queue.add(QUEUES.lessonNotify, job[0]?.data, { jobId: job[0]?.id });
    expect(await reconcileJobs({ db: database.db, queues })).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const sent = fake
      .callsOf("sendMessage")
      .filter((c) => c.body.chat_id === CHAT || c.body.chat_id === String(CHAT));
    expect(sent).toHaveLength(2);
    const text = sent.map((c) => String(c.body.text)).join("\n");
    expect(text).toContain("Về câu hỏi trước đây của bạn “Cho tôi hỏi chuyện nuôi ong lấy mật trên núi");
    expect(text).toContain("UBND xã nơi đặt trại ong");
  });
});
