import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishResend, settleCitizenNotification } from "../../db/citizen-delivery-repo.js";
import type { Database } from "../../db/client.js";
import { claimDelivery, claimDeliveryRow, finishDelivery } from "../../db/notification-claims.js";
import { outbox, paknReminders } from "../../db/schema.js";
import { requestResend } from "../../feedback/citizen-delivery/request-resend.js";
import { createPakn, findPaknByCode, paknHistory, transitionPakn } from "../../feedback/pakn-repo.js";
import { QUEUES } from "../../feedback/queue-names.js";
import { createRouter } from "../../feedback/routing/router.js";
import { startClassifyWorker } from "../../workers/classify-worker.js";
import { relayOutbox } from "../../workers/outbox-relay.js";
import {
  closeQueues,
  createQueueConnection,
  createQueues,
  type PipelineQueues,
} from "../../workers/queues.js";
import { reconcileJobs } from "../../workers/reconciler.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { silentLogger } from "../helpers/knowledge.js";
import { confirmedPakn } from "../helpers/pakn.js";
import { createTestRedis, TEST_REDIS_URL } from "../helpers/redis.js";
import { TEST_NOW } from "../helpers/test-clock.js";

describe.each(DRIVERS)("rebuilding jobs after Redis lost them, on %s", (driver) => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let connection: Redis;
  let queues: PipelineQueues;
  const prefix = r.prefix.slice(0, -1);

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    connection = createQueueConnection(TEST_REDIS_URL);
    queues = createQueues(connection, { prefix });
  });
  afterAll(async () => {
    await closeQueues(queues);
    await connection.quit();
    await dispose();
    await r.dispose();
  });

  it("re-adds the lost job of a PAKN still waiting to be routed, which is then routed once", async () => {
    const { row } = await createPakn(
      database.db,
      confirmedPakn("flush-1", {
        content: "Doanh nghiệp chậm đóng bảo hiểm xã hội cho công nhân nhiều tháng liền.",
      }),
    );
    await relayOutbox({ db: database.db, queues });
    expect(await reconcileJobs({ db: database.db, queues })).toBe(0);
    // What a Redis restart without persistence does to our keys.
    const keys = await r.redis.keys(`${prefix}*`);
    if (keys.length) await r.redis.del(...keys);
    expect(await queues[QUEUES.classify].getJob(`classify-${row.id}`)).toBeUndefined();
    expect(await reconcileJobs({ db: database.db, queues })).toBe(1);
    expect(await reconcileJobs({ db: database.db, queues })).toBe(0);
    const worker = startClassifyWorker({
      db: database.db,
      router: createRouter(),
      connection,
      logger: silentLogger,
      prefix,
    });
    const until = Date.now() + 10_000;
    while ((await findPaknByCode(database.db, row.code))?.status === "received" && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await worker.close();
    expect((await paknHistory(database.db, row.id)).map((e) => e.toStatus)).toEqual(["received", "assigned"]);
    // Routed: nothing is undone any more, so nothing is rebuilt.
    const more = await r.redis.keys(`${prefix}*`);
    if (more.length) await r.redis.del(...more);
    expect(await reconcileJobs({ db: database.db, queues })).toBe(0);
  });

  it("leaves an assignment alone once the citizen is told when no officer chat is configured", async () => {
    const { row } = await createPakn(database.db, confirmedPakn("no-chats-1"));
    const { event } = await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: "ubnd-xa" },
    });
    await relayOutbox({ db: database.db, queues });
    // The citizen's notification went out (what the notify worker without officer chats does).
    const delivery = { ledger: "notifications" as const, key: event.id, audience: "citizen" };
    expect(await claimDelivery(database.db, delivery, 30_000)).toBe("claimed");
    await finishDelivery(database.db, delivery, "sent");
    const keys = await r.redis.keys(`${prefix}*`);
    if (keys.length) await r.redis.del(...keys);
    const job = () => queues[QUEUES.notify].getJob(`notify-${event.id}`);
    await reconcileJobs({ db: database.db, queues, officerAlerts: false });
    expect(await job()).toBeUndefined();
    // With chats configured the agency's alert is still owed, so the job comes back.
    await reconcileJobs({ db: database.db, queues, officerAlerts: true });
    expect(await job()).toBeDefined();
    await queues[QUEUES.notify].obliterate({ force: true });
  });

  it("rebuilds a lost reminder while its PAKN waits for an answer, and forgets it once answered", async () => {
    const { row } = await createPakn(database.db, confirmedPakn("flush-remind"));
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: "ubnd-xa" },
    });
    await relayOutbox({ db: database.db, queues });
    await database.db.insert(paknReminders).values({ paknId: row.id, point: "half" });
    await database.db.insert(outbox).values({
      queue: QUEUES.remind,
      jobId: `remind-${row.id}-half`,
      payload: { paknId: row.id, point: "half" },
      relayedAt: new Date(),
    });
    const wipe = async () => {
      const keys = await r.redis.keys(`${prefix}*`);
      if (keys.length) await r.redis.del(...keys);
    };
    await wipe();
    const before = await reconcileJobs({ db: database.db, queues });
    expect(await queues[QUEUES.remind].getJob(`remind-${row.id}-half`)).toBeTruthy();
    expect(before).toBeGreaterThanOrEqual(1);
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "answered",
      actor: "officer:1",
      set: { answer: "Đã xử lý xong, đường đã được khơi thông.", answeredAt: new Date() },
    });
    await wipe();
    await reconcileJobs({ db: database.db, queues });
    expect(await queues[QUEUES.remind].getJob(`remind-${row.id}-half`)).toBeUndefined();
  });

  it("replaces a husk a flush left behind (a failed job without its data) while the work is undone", async () => {
    const { row } = await createPakn(database.db, confirmedPakn("flush-husk"));
    await relayOutbox({ db: database.db, queues });
    const keys = await r.redis.keys(`${prefix}*`);
    if (keys.length) await r.redis.del(...keys);
    // What a worker failing a job it had fetched just before the flush writes back: a failed job, no data.
    const husk = await queues[QUEUES.classify].add(QUEUES.classify, {}, { jobId: `classify-${row.id}` });
    await r.redis.zadd(`${prefix}:${QUEUES.classify}:failed`, Date.now(), husk.id as string);
    await r.redis.lrem(`${prefix}:${QUEUES.classify}:wait`, 0, husk.id as string);
    expect(await husk.getState()).toBe("failed");
    expect(await reconcileJobs({ db: database.db, queues })).toBeGreaterThanOrEqual(1);
    const rebuilt = await queues[QUEUES.classify].getJob(`classify-${row.id}`);
    expect(rebuilt?.data).toEqual({ paknId: row.id });
  });
  it("leaves a notification waiting for the citizen alone, and rebuilds an officer's resend until it is done", async () => {
    const { row } = await createPakn(database.db, confirmedPakn("resend-1"));
    const { event } = await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: "ubnd-xa" },
    });
    const delivery = { ledger: "notifications" as const, key: event.id, audience: "citizen" };
    const notificationId = (await claimDeliveryRow(database.db, delivery, 30_000)) as number;
    await settleCitizenNotification(database.db, notificationId, {
      status: "waiting",
      reason: "blocked",
      recipient: { channel: "telegram", user: "u1" },
    });
    const { attemptId } = await requestResend(
      { db: database.db, now: () => TEST_NOW },
      { paknId: row.id, notificationId, route: "channel", officerId: 1 },
    );
    await relayOutbox({ db: database.db, queues });
    const flush = async () => {
      const keys = await r.redis.keys(`${prefix}*`);
      if (keys.length) await r.redis.del(...keys);
    };
    await flush();
    await reconcileJobs({ db: database.db, queues, officerAlerts: false });
    expect(await queues[QUEUES.notify].getJob(`notify-${event.id}`)).toBeUndefined();
    expect((await queues[QUEUES.notify].getJob(`resend-${attemptId}`))?.data).toEqual({ attemptId });
    await finishResend(database.db, { attemptId, outcome: "failed", reason: "blocked", at: TEST_NOW });
    await flush();
    await reconcileJobs({ db: database.db, queues, officerAlerts: false });
    expect(await queues[QUEUES.notify].getJob(`resend-${attemptId}`)).toBeUndefined();
  });
});
