import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { createPakn, findPaknByCode, paknHistory } from "../../db/pakn-repo.js";
import { routePakn } from "../../feedback/route-pakn.js";
import { createRouter, type Router } from "../../feedback/routing/router.js";
import { startClassifyWorker } from "../../workers/classify-worker.js";
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
