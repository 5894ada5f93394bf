import { afterAll, describe, expect, it } from "vitest";
import type { PushMessage } from "../../feedback/notify-citizen.js";
import { SendLater } from "../../feedback/send-later.js";
import { createSendSlots } from "../../workers/send-slots.js";
import { TELEGRAM_LIMITS, throttledPush } from "../../workers/throttled-push.js";
import { createTestRedis } from "../helpers/redis.js";

describe("Telegram send limits shared through Redis", () => {
  const r = createTestRedis();
  afterAll(() => r.dispose());

  it("spaces sends to one chat across processes and postpones what would wait too long", async () => {
    // Two slot keepers on one Redis stand for two worker processes.
    const a = createSendSlots(r.redis, { prefix: r.prefix, maxWaitMs: 500 });
    const b = createSendSlots(r.redis, { prefix: r.prefix, maxWaitMs: 500 });
    const times: number[] = [];
    const start = performance.now();
    await Promise.all(
      [a, b, a].map((slots) => slots.take("chat:1", 200).then(() => times.push(performance.now() - start))),
    );
    times.sort((x, y) => x - y);
    expect(times[1] ?? 0).toBeGreaterThanOrEqual(180);
    expect(times[2] ?? 0).toBeGreaterThanOrEqual(380);
    await a.take("chat:2", 1_000);
    const later = await b.take("chat:2", 1_000).catch((err: unknown) => err);
    expect(later).toBeInstanceOf(SendLater);
    expect((later as SendLater).waitMs).toBeGreaterThan(800);
    // A refused send reserved nothing: once the second is up, the next one goes at once.
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    const at = performance.now();
    await a.take("chat:2", 1_000);
    expect(performance.now() - at).toBeLessThan(100);
  });

  it("keeps a bot under 30 messages a second and a chat under one, other channels untouched", async () => {
    const sent: { channel: string; chat: string; at: number }[] = [];
    const push: PushMessage = async (channel, chat) => {
      sent.push({ channel, chat, at: performance.now() });
      return true;
    };
    const throttled = throttledPush(
      push,
      createSendSlots(r.redis, { prefix: `${r.prefix}bot:`, maxWaitMs: 5_000 }),
    );
    await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        throttled("telegram", String(1_000 + i), [{ text: "x", buttons: [] }]),
      ),
    );
    const times = sent.map((s) => s.at).sort((x, y) => x - y);
    for (let i = 30; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 30] ?? 0)).toBeGreaterThanOrEqual(990);
    expect(TELEGRAM_LIMITS.perBotMs * 30).toBeGreaterThanOrEqual(1_000);

    sent.length = 0;
    await Promise.all([
      throttled("telegram", "77", [{ text: "1", buttons: [] }]),
      throttled("telegram", "77", [{ text: "2", buttons: [] }]),
      throttled("zalo-oa", "77", [{ text: "3", buttons: [] }]),
    ]);
    const telegram = sent.filter((s) => s.channel === "telegram").map((s) => s.at);
    expect(Math.abs((telegram[1] ?? 0) - (telegram[0] ?? 0))).toBeGreaterThanOrEqual(990);
    expect(sent.find((s) => s.channel === "zalo-oa")?.at ?? Infinity).toBeLessThan(Math.max(...telegram));
  });
});
