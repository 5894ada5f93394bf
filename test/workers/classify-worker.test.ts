import type { Worker } from "bullmq";
import { sql } from "drizzle-orm";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import type { PushMessage } from "../../feedback/notify-citizen.js";
import { createPakn, findPaknByCode, paknHistory } from "../../feedback/pakn-repo.js";
import { QUEUES } from "../../feedback/queue-names.js";
import { routePakn } from "../../feedback/route-pakn.js";
import { createRouter, type Router } from "../../feedback/routing/router.js";
import { startClassifyWorker } from "../../workers/classify-worker.js";
import { startNotifyWorker } from "../../workers/notify-worker.js";
import { relayOutbox } from "../../workers/outbox-relay.js";
import {
  closeQueues,
  createQueueConnection,
  createQueues,
  type PipelineQueues,
} from "../../workers/queues.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { silentLogger } from "../helpers/knowledge.js";
import { confirmedPakn } from "../helpers/pakn.js";
import { createTestRedis, TEST_REDIS_URL } from "../helpers/redis.js";

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("timed out");
}

describe.each(DRIVERS)("routing a received PAKN on %s", (driver) => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let connection: Redis;
  let queues: PipelineQueues;
  let worker: Worker;
  let router: Router;
  const prefix = r.prefix.slice(0, -1);

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    connection = createQueueConnection(TEST_REDIS_URL);
    queues = createQueues(connection, { prefix });
    router = createRouter();
    worker = startClassifyWorker({ db: database.db, router, connection, logger: silentLogger, prefix });
  });
  afterAll(async () => {
    await worker.close();
    await closeQueues(queues);
    await connection.quit();
    await dispose();
    await r.dispose();
  });

  it("assigns a clear complaint to an agency once, through the outbox and the queue", async () => {
    const { row } = await createPakn(
      database.db,
      confirmedPakn("route-1", {
        content:
          "Công ty nợ đóng bảo hiểm xã hội cho người lao động nhiều tháng, sổ bảo hiểm không được chốt.",
      }),
    );
    await relayOutbox({ db: database.db, queues });
    await until(async () => (await findPaknByCode(database.db, row.code))?.status !== "received");
    const routed = await findPaknByCode(database.db, row.code);
    expect(routed?.status).toBe("assigned");
    expect(routed?.agencyId).toBe("bhxh");
    // A second run of the same job (a retry, a rebuilt queue) changes nothing.
    expect(await routePakn({ db: database.db, router }, { paknId: row.id })).toEqual({
      kind: "skipped",
      status: "assigned",
    });
    expect((await paknHistory(database.db, row.id)).map((e) => e.toStatus)).toEqual(["received", "assigned"]);
  });

  it("leaves a vague one to the coordinator's triage", async () => {
    const { row } = await createPakn(
      database.db,
      confirmedPakn("route-2", { content: "Tôi có ý kiến về việc này mong được xem xét." }),
    );
    const outcome = await routePakn({ db: database.db, router }, { paknId: row.id });
    expect(outcome.kind).toBe("triage");
    const history = await paknHistory(database.db, row.id);
    expect(history.at(-1)).toMatchObject({ toStatus: "classified", data: { triage: true } });
  });
});

describe.each(DRIVERS)("telling of the routing step in the classify job on %s", (driver) => {
  const r = createTestRedis();
  const prefix = r.prefix.slice(0, -1);
  const toldAt = new Date("2031-03-04T02:00:00Z");
  let database: Database;
  let dispose: () => Promise<void>;
  let connection: Redis;
  let queues: PipelineQueues;
  let workers: Worker[];
  // The chats the fake channel reaches, and those whose first push fails as a network error would.
  const pushed: Array<{ conversation: string; text: string }> = [];
  const flaky = new Set<string>();
  const push: PushMessage = async (_channel, conversation, replies) => {
    if (flaky.delete(conversation)) throw new Error("socket hang up");
    for (const reply of replies) pushed.push({ conversation, text: reply.text });
    return true;
  };

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    connection = createQueueConnection(TEST_REDIS_URL);
    queues = createQueues(connection, { prefix });
    const notifyDeps = { db: database.db, push, now: () => toldAt };
    workers = [
      startClassifyWorker({
        db: database.db,
        router: createRouter(),
        connection,
        logger: silentLogger,
        prefix,
        notify: { ...notifyDeps, queue: queues[QUEUES.notify] },
      }),
      startNotifyWorker({ ...notifyDeps, connection, logger: silentLogger, prefix }),
    ];
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await closeQueues(queues);
    await connection.quit();
    await dispose();
    await r.dispose();
  });

  const routedEvent = async (paknId: number) => {
    const history = await paknHistory(database.db, paknId);
    return history.find((e) => e.toStatus === "assigned" || e.toStatus === "classified");
  };
  const citizenRow = async (eventId: number) =>
    rowsOf<{ status: string; route: string | null; told_at: unknown }>(
      await database.db.execute(
        sql`SELECT status, route, told_at FROM notifications WHERE event_id = ${eventId} AND audience = 'citizen'`,
      ),
    );

  it("tells the citizen once, without a notify job, and keeps no PAKN text in the job", async () => {
    const { row } = await createPakn(
      database.db,
      confirmedPakn("in-hand-1", {
        conversation: "chat-in-hand-1",
        content:
          "Công ty nợ đóng bảo hiểm xã hội cho người lao động nhiều tháng, sổ bảo hiểm không được chốt.",
      }),
    );
    await relayOutbox({ db: database.db, queues });
    await until(async () => pushed.some((p) => p.conversation === "chat-in-hand-1"));
    const event = await routedEvent(row.id);
    if (!event) throw new Error("not routed");
    await until(async () => (await citizenRow(event.id))[0]?.status === "sent");
    expect(pushed.filter((p) => p.conversation === "chat-in-hand-1")).toHaveLength(1);
    expect(pushed.find((p) => p.conversation === "chat-in-hand-1")?.text).toContain(row.code);
    expect((await citizenRow(event.id))[0]?.route).toBe("telegram");
    // No relay round makes a job of it: its outbox row is already handed over.
    expect(await relayOutbox({ db: database.db, queues })).toBe(0);
    expect(await queues[QUEUES.notify].getJob(`notify-${event.id}`)).toBeUndefined();
    const job = await queues[QUEUES.classify].getJob(`classify-${row.id}`);
    expect(JSON.stringify(job?.returnvalue)).not.toContain("bảo hiểm");
  });

  it("hands the step to the notify queue when the channel fails for now, and it is told once", async () => {
    flaky.add("chat-in-hand-2");
    const { row } = await createPakn(
      database.db,
      confirmedPakn("in-hand-2", { conversation: "chat-in-hand-2", channelUser: "u-in-hand-2" }),
    );
    await relayOutbox({ db: database.db, queues });
    await until(async () => pushed.some((p) => p.conversation === "chat-in-hand-2"), 15_000);
    const event = await routedEvent(row.id);
    if (!event) throw new Error("not routed");
    await until(async () => (await citizenRow(event.id))[0]?.status === "sent");
    expect(await queues[QUEUES.notify].getJob(`notify-${event.id}`)).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pushed.filter((p) => p.conversation === "chat-in-hand-2")).toHaveLength(1);
  });
});
