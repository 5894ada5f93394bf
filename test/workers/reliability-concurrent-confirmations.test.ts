import { sql } from "drizzle-orm";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { createFeedbackService } from "../../feedback/feedback-service.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { workingDayDueDates } from "../../feedback/pakn-due-dates.js";
import { createRouter } from "../../feedback/routing/router.js";
import { benchSubmission } from "../../scripts/bench/pipeline-load.js";
import { startClassifyWorker } from "../../workers/classify-worker.js";
import { startOutboxRelay } from "../../workers/outbox-relay.js";
import {
  closeQueues,
  createQueueConnection,
  createQueues,
  type PipelineQueues,
} from "../../workers/queues.js";
import { createTestDatabase } from "../helpers/databases.js";
import { silentLogger } from "../helpers/knowledge.js";
import { createTestRedis, TEST_REDIS_URL } from "../helpers/redis.js";
import { waitFor } from "./fixtures/pipeline-rig.js";

const COUNT = 1_000;

describe("1,000 confirmations at the same moment, on the PostgreSQL server", () => {
  const r = createTestRedis();
  const prefix = r.prefix.slice(0, -1);
  let dispose: () => Promise<void>;
  let database: Database;
  let connection: Redis;
  let queues: PipelineQueues;

  beforeAll(async () => {
    const created = await createTestDatabase("pg");
    dispose = created.dispose;
    // As many connections as the web processes of a busy province would bring.
    database = await openDatabase({ url: created.url, poolSize: 40 });
    connection = createQueueConnection(TEST_REDIS_URL);
    queues = createQueues(connection, { prefix });
  });
  afterAll(async () => {
    await closeQueues(queues);
    await connection.quit();
    await database.close();
    await dispose();
    await r.dispose();
  });

  const count = async (query: ReturnType<typeof sql>) =>
    Number(rowsOf<{ n: string | number }>(await database.db.execute(query))[0]?.n ?? 0);

  it("stores 1,000 rows with 1,000 distinct codes, and the workers route all 1,000 once", {
    timeout: 110_000,
  }, async () => {
    const service = createFeedbackService({
      db: database.db,
      dueDates: workingDayDueDates(loadWorkingCalendar()),
    });
    const results = await Promise.all(
      Array.from({ length: COUNT }, (_, i) => service.submit(benchSubmission(`many-${i}`, i))),
    );
    expect(results.every((s) => s.created)).toBe(true);
    expect(new Set(results.map((s) => s.code)).size).toBe(COUNT);
    expect(await count(sql`SELECT count(*) AS n FROM pakn`)).toBe(COUNT);
    expect(await count(sql`SELECT count(DISTINCT code) AS n FROM pakn`)).toBe(COUNT);
    expect(await count(sql`SELECT count(*) AS n FROM outbox WHERE queue = 'pakn-classify'`)).toBe(COUNT);

    const relay = startOutboxRelay({ db: database.db, queues, logger: silentLogger });
    const worker = startClassifyWorker({
      db: database.db,
      router: createRouter(),
      connection,
      logger: silentLogger,
      prefix,
    });
    try {
      await waitFor(
        "all 1,000 routed",
        async () => (await count(sql`SELECT count(*) AS n FROM pakn WHERE status = 'received'`)) === 0,
        90_000,
      );
    } finally {
      await relay.stop();
      await worker.close();
    }
    expect(await count(sql`SELECT count(*) AS n FROM pakn_events WHERE from_status = 'received'`)).toBe(
      COUNT,
    );
    expect(
      await count(sql`SELECT count(DISTINCT pakn_id) AS n FROM pakn_events WHERE from_status = 'received'`),
    ).toBe(COUNT);
  });
});
