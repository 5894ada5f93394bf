import { afterAll, describe, expect, it } from "vitest";
import { createNumberMenu, optionNumber } from "../../../../bot/channels/zalo-bot/index.js";
import { createTestRedis } from "../../../helpers/redis.js";

describe("number menu", () => {
  const r = createTestRedis();
  const menu = createNumberMenu(r.redis, { prefix: r.prefix, ttlSeconds: 60 });
  afterAll(() => r.dispose());

  it("reads only a bare option number", () => {
    expect(optionNumber("2")).toBe(2);
    expect(optionNumber(" 3. ")).toBe(3);
    expect(optionNumber("4)")).toBe(4);
    expect(optionNumber("Số 5")).toBe(5);
    expect(optionNumber("2 ngày")).toBeUndefined();
    expect(optionNumber("1.001193")).toBeUndefined();
    expect(optionNumber("")).toBeUndefined();
    expect(optionNumber(undefined)).toBeUndefined();
  });

  it("maps a number to the last list's payload per conversation, with a TTL", async () => {
    await menu.remember("a", ["p1", "p2"]);
    expect(await menu.resolve("a", "2")).toBe("p2");
    expect(await menu.resolve("a", "3")).toBeUndefined();
    expect(await menu.resolve("a", "0")).toBeUndefined();
    expect(await menu.resolve("a", "lệ phí")).toBeUndefined();
    expect(await menu.resolve("b", "1")).toBeUndefined();
    const ttl = await r.redis.ttl(`${r.prefix}zalo-bot:menu:a`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    await menu.remember("a", []);
    expect(await menu.resolve("a", "1")).toBeUndefined();
  });
});
