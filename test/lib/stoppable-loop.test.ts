import { describe, expect, it } from "vitest";
import { startLoop } from "../../lib/stoppable-loop.js";

describe("startLoop", () => {
  it("runs again at once while a round has more work, and pauses after one that has none", async () => {
    const rounds: string[] = [];
    let pending = 3;
    let paused!: () => void;
    const reachedPause = new Promise<void>((resolve) => {
      paused = resolve;
    });
    const loop = startLoop(async () => {
      if (pending > 0) {
        pending--;
        rounds.push("work");
        return "again";
      }
      rounds.push("idle");
      paused();
      return "pause";
    }, 3_600_000);
    await reachedPause;
    // An hour's pause: stop() must cut it short rather than wait it out.
    await loop.stop();
    expect(rounds).toEqual(["work", "work", "work", "idle"]);
    expect(loop.stopped).toBe(true);
  });

  it("lets the round in progress finish before stop() resolves", async () => {
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const loop = startLoop(async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished = true;
      return "pause";
    }, 3_600_000);
    await running;
    await loop.stop();
    expect(finished).toBe(true);
  });
});
