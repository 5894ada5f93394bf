import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPipelineRig, type PipelineRig, waitFor } from "./fixtures/pipeline-rig.js";

const COUNT = 60;

describe("Redis flushed while a worker process has work pending", () => {
  let rig: PipelineRig;
  beforeAll(async () => {
    rig = await createPipelineRig(13);
  });
  afterAll(async () => {
    await rig?.dispose();
  });

  it("rebuilds the lost jobs from PostgreSQL: nothing lost, nothing notified twice", {
    timeout: 110_000,
  }, async () => {
    const chats = await rig.submit("flush", COUNT);
    // Sends in hand stay unanswered across the flush: their rebuilt twins must not send again.
    rig.fake.hold();
    const worker = await rig.startWorker();
    await waitFor("sends in hand", () => rig.fake.held() >= 10);
    await rig.redis.flushdb();
    expect(await rig.redis.dbsize()).toBeLessThan(5);
    await waitFor(
      "the lost jobs rebuilt",
      () => worker.output().includes("rebuilt the jobs it lost"),
      30_000,
    );
    rig.fake.release();
    await waitFor(
      "every PAKN routed and every citizen notified",
      async () => {
        return (
          (await rig.routedCount("flush")) === COUNT &&
          (await rig.notificationStatuses("flush")).sent === COUNT
        );
      },
      60_000,
    );
    // Twins of the sends that were in hand look again after a few seconds and find them sent.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const routings = await rig.routingEvents("flush");
    expect([...routings.values()].filter((n) => n !== 1)).toEqual([]);
    const counts = rig.fake.countsByChat();
    expect(chats.filter((c) => counts.get(c) !== 1)).toEqual([]);
    expect(rig.fake.delivered).toHaveLength(COUNT);
    worker.kill("SIGTERM");
    expect((await worker.exited).code).toBe(0);
  });
});
