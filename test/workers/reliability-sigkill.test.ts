import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { createPipelineRig, type PipelineRig, waitFor } from "./fixtures/pipeline-rig.js";

const COUNT = 60;

describe("a worker process killed with SIGKILL mid-job, then restarted", () => {
  let rig: PipelineRig;
  beforeAll(async () => {
    rig = await createPipelineRig(12);
  });
  afterAll(async () => {
    await rig?.dispose();
  });

  it("routes each PAKN once and tells each citizen once", { timeout: 110_000 }, async () => {
    const chats = await rig.submit("kill", COUNT);
    // Jobs caught mid-way, deterministically: the first PAKN rows are locked by us, so routing them
    // waits inside its transaction; and the fake Zalo API holds every message unanswered.
    const locker = new pg.Client({ connectionString: rig.url });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("SELECT id FROM pakn WHERE conversation = ANY($1) FOR UPDATE", [chats.slice(0, 4)]);
    rig.fake.hold();
    const first = await rig.startWorker();
    const waitingOnLock = async () =>
      Number(
        rowsOf<{ n: string }>(
          await rig.database.db.execute(
            sql`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          ),
        )[0]?.n ?? 0,
      );
    await waitFor("routing jobs blocked mid-transaction and sends in hand", async () => {
      return (await waitingOnLock()) >= 1 && rig.fake.held() >= 20;
    });
    first.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    await locker.query("ROLLBACK");
    await locker.end();
    // Whatever the killed worker had sent was never processed (its connections are gone).
    rig.fake.release();
    expect(rig.fake.delivered).toHaveLength(0);

    const second = await rig.startWorker();
    await waitFor(
      "every PAKN routed and every citizen notified after the restart",
      async () => {
        return (await rig.routedCount("kill")) === COUNT && rig.fake.delivered.length >= COUNT;
      },
      90_000,
    );
    await waitFor("every notification recorded as sent", async () => {
      return (await rig.notificationStatuses("kill")).sent === COUNT;
    });
    // Time for a late duplicate to show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const routings = await rig.routingEvents("kill");
    expect([...routings.values()].filter((n) => n !== 1)).toEqual([]);
    expect(routings.size).toBe(COUNT);
    const counts = rig.fake.countsByChat();
    expect(chats.filter((c) => counts.get(c) !== 1)).toEqual([]);
    expect(rig.fake.delivered).toHaveLength(COUNT);
    expect(rig.fake.delivered.every((m) => m.text.includes("PAKN."))).toBe(true);
    second.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  });
});
