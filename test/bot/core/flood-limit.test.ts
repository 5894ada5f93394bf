import { afterEach, describe, expect, it } from "vitest";
import { createFloodLimit } from "../../../bot/core/flood-limit.js";
import { createTestRedis } from "../../helpers/redis.js";

describe("flood limit", () => {
  const rigs: ReturnType<typeof createTestRedis>[] = [];
  afterEach(async () => {
    for (const rig of rigs.splice(0)) await rig.dispose();
  });

  it("lets the limit through, warns once, then drops, and never keeps a counter without an expiry", async () => {
    const rig = createTestRedis();
    rigs.push(rig);
    const limit = createFloodLimit(rig.redis, { prefix: rig.prefix, limit: 3, windowSeconds: 60 });
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await limit.check("web", "visitor-1"));
    expect(verdicts).toEqual(["ok", "ok", "ok", "warn", "drop", "drop"]);
    expect(await limit.check("web", "visitor-2")).toBe("ok");
    const keys = await rig.redis.keys(`${rig.prefix}*`);
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      const ttl = await rig.redis.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
    }
  });
});
