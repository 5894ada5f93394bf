import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { createPakn, findPaknByCode, paknHistory } from "../../db/pakn-repo.js";
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
});
