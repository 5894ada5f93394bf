import { afterAll, describe, expect, it } from "vitest";
import { newDraft } from "../../../bot/core/features/pakn-intake/draft.js";
import { createRedisSessionStore, SessionTooLargeError } from "../../../bot/core/redis-session-store.js";
import { createTestRedis } from "../../helpers/redis.js";

const LONG_TTL = 7 * 24 * 60 * 60;
const SHORT_TTL = 3600;

describe("Redis session store", () => {
  const r = createTestRedis();
  afterAll(() => r.dispose());
  const store = createRedisSessionStore(r.redis, {
    ttlSeconds: LONG_TTL,
    prefix: `${r.prefix}session:`,
    shortLived: { ttlSeconds: SHORT_TTL, channels: ["web"] },
    maxBytes: 8 * 1024,
  });
  const ttl = (key: string) => r.redis.ttl(`${r.prefix}session:${key}`);

  it("forgets a web visitor's one-question session within the short TTL, never after seven days", async () => {
    await store.set("web:one-question", { turns: 1, lastCode: "1.001193", handoffQuestion: "abc" });
    const seconds = await ttl("web:one-question");
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(SHORT_TTL);
    expect(await store.get("web:one-question")).toMatchObject({ turns: 1, lastCode: "1.001193" });
  });

  it.each([
    ["a second message", { turns: 2 }],
    ["a PAKN being written", { turns: 1, intake: newDraft("content", { kind: "phan_anh" as const }) }],
    [
      "a filed PAKN's code",
      {
        turns: 1,
        lastPakn: { code: "PAKN.20261122.0012", kind: "phan_anh", answerDueAt: "2026-12-10", draftId: "d" },
      },
    ],
    ["an officer's question to answer", { turns: 1, supplement: { code: "PAKN.20261122.0012" } }],
  ])("keeps a web session the normal time once it holds %s", async (_what, session) => {
    await store.set("web:kept", { turns: 1 });
    expect(await ttl("web:kept")).toBeLessThanOrEqual(SHORT_TTL);
    await store.set("web:kept", session);
    expect(await ttl("web:kept")).toBeGreaterThan(SHORT_TTL);
  });

  it("keeps a mere offer to file a PAKN short-lived (one message can trigger it)", async () => {
    await store.set("web:offer", { turns: 1, intake: newDraft("offer") });
    expect(await ttl("web:offer")).toBeLessThanOrEqual(SHORT_TTL);
  });

  it("leaves other channels' sessions at the normal TTL", async () => {
    await store.set("telegram:42", { turns: 1 });
    expect(await ttl("telegram:42")).toBeGreaterThan(SHORT_TTL);
  });

  it("bounds a session's size: drops follow-up helpers first and keeps a PAKN draft", async () => {
    const draft = newDraft("name", { kind: "phan_anh" as const, content: "Đường ngập nước".repeat(20) });
    await store.set("web:big", { turns: 3, intake: draft, handoffQuestion: "câu hỏi ".repeat(5000) });
    const raw = (await r.redis.get(`${r.prefix}session:web:big`)) ?? "";
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(8 * 1024);
    const kept = await store.get("web:big");
    expect(kept?.intake).toEqual(draft);
    expect(kept?.handoffQuestion).toBeUndefined();
  });

  it("refuses a session that stays too large, and the previous one stays", async () => {
    await store.set("web:huge", { turns: 2, lastCode: "1.001193" });
    const draft = newDraft("content", { content: "nội dung ".repeat(5000) });
    await expect(store.set("web:huge", { turns: 3, intake: draft })).rejects.toBeInstanceOf(
      SessionTooLargeError,
    );
    expect(await store.get("web:huge")).toEqual({ turns: 2, lastCode: "1.001193" });
  });
});
