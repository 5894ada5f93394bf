import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema, loadConfig } from "../../app/config.js";
import { pushThrough } from "../../app/worker-role.js";
import { createTelegramChannel } from "../../bot/channels/telegram/index.js";
import type { Database } from "../../db/client.js";
import { createPakn, transitionPakn } from "../../feedback/pakn-repo.js";
import { loadAgencies } from "../../feedback/routing/agencies.js";
import { startNotifyWorker } from "../../workers/notify-worker.js";
import { relayOutbox } from "../../workers/outbox-relay.js";
import {
  closeQueues,
  createQueueConnection,
  createQueues,
  type PipelineQueues,
} from "../../workers/queues.js";
import { createSendSlots } from "../../workers/send-slots.js";
import { throttledPush } from "../../workers/throttled-push.js";
import { createTestDispatcher } from "../helpers/bot.js";
import { createTestDatabase } from "../helpers/databases.js";
import { type FakeTelegram, startFakeTelegram } from "../helpers/fake-telegram.js";
import { silentLogger } from "../helpers/knowledge.js";
import { confirmedPakn } from "../helpers/pakn.js";
import { createTestRedis, TEST_REDIS_URL } from "../helpers/redis.js";

const TOKEN = "333000444:AAnotify-agency-worker-token-for-the-fake";

describe("officer chats in the configuration", () => {
  it("reads agency-id=chat pairs and the coordinator's chat, and refuses anything else", () => {
    const config = loadConfig({
      AGENCY_TELEGRAM_CHATS: " so-xay-dung=-100123 , ubnd-xa=-100456,",
      COORDINATOR_TELEGRAM_CHAT: "-100999",
    });
    expect(config.AGENCY_TELEGRAM_CHATS).toEqual({ "so-xay-dung": "-100123", "ubnd-xa": "-100456" });
    expect(config.COORDINATOR_TELEGRAM_CHAT).toBe("-100999");
    expect(loadConfig({}).AGENCY_TELEGRAM_CHATS).toEqual({});
    expect(() => loadConfig({ AGENCY_TELEGRAM_CHATS: "so-xay-dung:-100123" })).toThrow(
      /AGENCY_TELEGRAM_CHATS/,
    );
    expect(() => loadConfig({ AGENCY_TELEGRAM_CHATS: "Sở Xây dựng=-100123" })).toThrow(
      /AGENCY_TELEGRAM_CHATS/,
    );
    expect(() => loadConfig({ COORDINATOR_TELEGRAM_CHAT: "@dieu_phoi" })).toThrow(
      /COORDINATOR_TELEGRAM_CHAT/,
    );
  });
});

describe("the notify job alerting the agency's chat of a new assignment", () => {
  const r = createTestRedis();
  const prefix = r.prefix.slice(0, -1);
  let database: Database;
  let dispose: () => Promise<void>;
  let fake: FakeTelegram;
  let connection: Redis;
  let queues: PipelineQueues;
  let worker: Worker;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pg"));
    fake = await startFakeTelegram(TOKEN);
    const channel = createTelegramChannel({
      config: configSchema.parse({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot }),
      dispatcher: createTestDispatcher(r),
      logger: silentLogger,
      redis: r.redis,
      prefix: r.prefix,
    });
    connection = createQueueConnection(TEST_REDIS_URL);
    queues = createQueues(connection, { prefix });
    const push = throttledPush(pushThrough([channel]), createSendSlots(connection, { prefix: r.prefix }));
    const agencies = loadAgencies();
    worker = startNotifyWorker({
      db: database.db,
      push,
      agencies,
      officers: { db: database.db, push, agencies, chats: { agencies: { bhxh: "-100777" } } },
      connection,
      logger: silentLogger,
      prefix,
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

  it("tells the citizen and the agency's officers, once each", async () => {
    const { row } = await createPakn(database.db, confirmedPakn("worker-1", { conversation: "5151" }));
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system:router",
      set: { agencyId: "bhxh" },
    });
    await relayOutbox({ db: database.db, queues });
    await fake.waitFor("sendMessage", 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const calls = fake.callsOf("sendMessage");
    expect(calls.map((c) => c.body.chat_id).sort()).toEqual([-100777, 5151]);
    const officers = String(calls.find((c) => c.body.chat_id === -100777)?.body.text);
    expect(officers).toContain(`Mã: ${row.code}`);
    expect(officers).toContain("Cơ quan xử lý: Bảo hiểm xã hội tỉnh");
  });
});
