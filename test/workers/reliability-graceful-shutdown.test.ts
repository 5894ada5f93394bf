import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPipelineRig, type PipelineRig, waitFor } from "./fixtures/pipeline-rig.js";

const COUNT = 60;

describe("SIGTERM to a worker process with jobs in hand", () => {
  let rig: PipelineRig;
  beforeAll(async () => {
    rig = await createPipelineRig(15);
  });
  afterAll(async () => {
    await rig?.dispose();
  });

  it("finishes the jobs in hand, exits 0, and a restarted worker completes the rest once", {
    timeout: 110_000,
  }, async () => {
    const chats = await rig.submit("term", COUNT);
    rig.fake.hold();
    const first = await rig.startWorker();
    await waitFor("sends in hand", () => rig.fake.held() >= 10);
    first.kill("SIGTERM");
    // It waits for the sends in hand rather than dropping them …
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(first.child.exitCode).toBeNull();
    const inHand = rig.fake.held();
    rig.fake.release();
    // … then closes cleanly.
    expect((await first.exited).code).toBe(0);
    expect(rig.fake.delivered.length).toBeGreaterThanOrEqual(inHand);
    const sentBefore = (await rig.notificationStatuses("term")).sent ?? 0;
    expect(sentBefore).toBe(rig.fake.delivered.length);
    expect(rig.fake.delivered.length).toBeLessThan(COUNT);

    const second = await rig.startWorker();
    await waitFor(
      "every PAKN routed and every citizen notified",
      async () => {
        return (
          (await rig.routedCount("term")) === COUNT && (await rig.notificationStatuses("term")).sent === COUNT
        );
      },
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const routings = await rig.routingEvents("term");
    expect([...routings.values()].filter((n) => n !== 1)).toEqual([]);
    const counts = rig.fake.countsByChat();
    expect(chats.filter((c) => counts.get(c) !== 1)).toEqual([]);
    second.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  });
});
