import { Redis as IORedis, type Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { createPakn } from "../../feedback/pakn-repo.js";
import { QUEUES } from "../../feedback/queue-names.js";
import { relayOutbox, startOutboxRelay } from "../../workers/outbox-relay.js";
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

describe.each(DRIVERS)("outbox relay on %s with the real Redis", (driver) => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let connection: Redis;
  let queues: PipelineQueues;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    connection = createQueueConnection(TEST_REDIS_URL);
    queues = createQueues(connection, { prefix: r.prefix.slice(0, -1) });
  });
  afterAll(async () => {
    await closeQueues(queues);
    await connection.quit();
    await dispose();
    await r.dispose();
  });

  it("enqueues each committed job once, under its deterministic id", async () => {
    const { row } = await createPakn(database.db, confirmedPakn("relay-1"));
    expect(await relayOutbox({ db: database.db, queues })).toBe(1);
    expect(await relayOutbox({ db: database.db, queues })).toBe(0);
    const job = await queues[QUEUES.classify].getJob(`classify-${row.id}`);
    expect(job?.data).toEqual({ paknId: row.id });
  });

  it("keeps a batch Redis refused for the next round", async () => {
    const { row } = await createPakn(database.db, confirmedPakn("relay-refused"));
    // A Redis that is down: commands fail at once instead of waiting for a reconnect.
    const down = new IORedis("redis://127.0.0.1:1", {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const unreachable = createQueues(down, { prefix: r.prefix.slice(0, -1) });
    await expect(relayOutbox({ db: database.db, queues: unreachable })).rejects.toThrow();
    await closeQueues(unreachable).catch(() => undefined);
    down.disconnect();
    expect(await relayOutbox({ db: database.db, queues })).toBe(1);
    expect(await queues[QUEUES.classify].getJob(`classify-${row.id}`)).toBeTruthy();
  });

  it("shares the work between relays running at the same time without enqueuing twice", async () => {
    const queued = async () => {
      const counted = await queues[QUEUES.classify].getJobCounts("waiting", "delayed", "active");
      return (counted.waiting ?? 0) + (counted.delayed ?? 0) + (counted.active ?? 0);
    };
    const before = await queued();
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) => createPakn(database.db, confirmedPakn(`relay-burst-${i}`))),
    );
    const counts = await Promise.all([
      relayOutbox({ db: database.db, queues }, { batch: 7 }),
      relayOutbox({ db: database.db, queues }, { batch: 7 }),
      relayOutbox({ db: database.db, queues }, { batch: 7 }),
    ]);
    const loop = startOutboxRelay({ db: database.db, queues, logger: silentLogger }, { intervalMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await loop.stop();
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(30);
    expect(await queued()).toBe(before + 30);
    for (const { row } of created)
      expect(await queues[QUEUES.classify].getJob(`classify-${row.id}`)).toBeTruthy();
  });
});
