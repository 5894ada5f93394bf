import { type Job, QueueEvents, type Worker } from "bullmq";
import { sql } from "drizzle-orm";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushThrough } from "../../app/worker-role.js";
import { createWebInbox } from "../../bot/channels/web-inbox.js";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { createOpen311Request } from "../../feedback/open311/create-request.js";
import { createServiceCatalog } from "../../feedback/open311/service-catalog.js";
import { findPaknByCode, transitionPakn } from "../../feedback/pakn-repo.js";
import { QUEUES } from "../../feedback/queue-names.js";
import { loadAgencies } from "../../feedback/routing/agencies.js";
import { startNotifyWorker } from "../../workers/notify-worker.js";
import { relayOutbox } from "../../workers/outbox-relay.js";
import {
  closeQueues,
  createQueueConnection,
  createQueues,
  type PipelineQueues,
} from "../../workers/queues.js";
import { testFeedbackService } from "../helpers/bot.js";
import { createTestDatabase } from "../helpers/databases.js";
import { silentLogger } from "../helpers/knowledge.js";
import { createTestRedis, TEST_REDIS_URL } from "../helpers/redis.js";

describe("notifying the sender of a PAKN filed through Open311 (no chat to push to)", () => {
  const r = createTestRedis();
  const prefix = r.prefix.slice(0, -1);
  let database: Database;
  let dispose: () => Promise<void>;
  let connection: Redis;
  let queues: PipelineQueues;
  let worker: Worker;
  let events: QueueEvents;
  let eventsConnection: Redis;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pglite"));
    connection = createQueueConnection(TEST_REDIS_URL);
    queues = createQueues(connection, { prefix });
    // The channels a worker really has: open311 is none of them.
    const channels = [createWebInbox(r.redis, { prefix: r.prefix }).channel];
    worker = startNotifyWorker({
      db: database.db,
      push: pushThrough(channels),
      connection,
      logger: silentLogger,
      prefix,
    });
    eventsConnection = createQueueConnection(TEST_REDIS_URL);
    events = new QueueEvents(QUEUES.notify, { connection: eventsConnection, prefix });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await worker.close();
    await events.close();
    await eventsConnection.quit().catch(() => undefined);
    await closeQueues(queues);
    await connection.quit();
    await dispose();
    await r.dispose();
  });

  it("records the notification as unreachable and finishes the job on its first attempt", async () => {
    const agencies = loadAgencies();
    const { response } = await createOpen311Request(
      { submit: testFeedbackService(database.db).submit, catalog: createServiceCatalog([], agencies) },
      {
        apiKey: "open311-test-key-0123456789",
        params: {
          service_code: "khac",
          description: "Đèn đường trước cổng trường tiểu học bị hỏng nhiều ngày, học sinh đi lại nguy hiểm.",
          first_name: "An",
          last_name: "Lê Văn",
          phone: "0912000111",
          address_string: "Thôn 2, xã Hòa Tiến",
        },
      },
    );
    const row = await findPaknByCode(database.db, response.service_request_id);
    expect(row?.channel).toBe("open311");
    const { event } = await transitionPakn(database.db, {
      paknId: row?.id as number,
      to: "assigned",
      actor: "system:router",
      set: { agencyId: "so-xay-dung" },
    });
    const done = new Promise<string>((resolve, reject) => {
      events.on("completed", ({ jobId, returnvalue }) => {
        if (jobId === `notify-${event.id}`) resolve(String(returnvalue));
      });
      events.on("failed", ({ jobId, failedReason }) => {
        if (jobId === `notify-${event.id}`) reject(new Error(failedReason));
      });
    });
    await relayOutbox({ db: database.db, queues });
    expect(await done).toBe("unreachable");
    const job = (await queues[QUEUES.notify].getJob(`notify-${event.id}`)) as Job;
    expect(job.attemptsMade).toBe(1);
    const [delivery] = rowsOf<{ status: string; attempts: number }>(
      await database.db.execute(
        sql`SELECT status, attempts FROM notifications WHERE event_id = ${event.id} AND audience = 'citizen'`,
      ),
    );
    expect(delivery).toEqual({ status: "unreachable", attempts: 1 });
  });
});
