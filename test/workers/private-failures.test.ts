import { Queue, QueueEvents, Worker } from "bullmq";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { privateFailures } from "../../workers/private-failures.js";
import { createQueueConnection } from "../../workers/queues.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { createTestRedis, TEST_REDIS_URL } from "../helpers/redis.js";

const PHONE = "0987654321";
const NAME = "Nguyễn Thị Hoa";

describe.each(DRIVERS)("a failed job on %s", (driver) => {
  const r = createTestRedis();
  const prefix = r.prefix.slice(0, -1);
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(async () => {
    await dispose();
    await r.dispose();
  });

  it("keeps the values of its failed query out of what Redis stores and the queue board shows", async () => {
    const connection = createQueueConnection(TEST_REDIS_URL);
    const queue = new Queue("private-failures", { connection, prefix });
    const events = new QueueEvents("private-failures", {
      connection: createQueueConnection(TEST_REDIS_URL),
      prefix,
    });
    await events.waitUntilReady();
    const worker = new Worker(
      "private-failures",
      privateFailures(async () => {
        await database.db.execute(sql`select ${PHONE}::int as phone, ${NAME}::int as name`);
      }),
      { connection, prefix },
    );
    try {
      const job = await queue.add("q", {}, { jobId: "private-1" });
      const failed = new Promise<string>((resolve) =>
        events.on("failed", ({ jobId, failedReason }) => jobId === job.id && resolve(failedReason)),
      );
      const reason = await failed;
      const stored = await queue.getJob("private-1");
      const shown = [reason, stored?.failedReason ?? "", ...(stored?.stacktrace ?? [])].join("\n");
      expect(shown).toContain("select $1::int");
      expect(shown).not.toContain(PHONE);
      expect(shown).not.toContain(NAME);
      // The raw hash in Redis holds nothing more.
      const raw = JSON.stringify(await connection.hgetall(`${prefix}:private-failures:private-1`));
      expect(raw).not.toContain(PHONE);
      expect(raw).not.toContain("Hoa");
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await events.close();
      await connection.quit();
    }
  });
});
