import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createBot } from "../../../bot/core/create-bot.js";
import { createRedisDispatcher } from "../../../bot/core/redis-dispatcher.js";
import { createRedisSessionStore } from "../../../bot/core/redis-session-store.js";
import { TEXTS } from "../../../bot/core/texts.js";
import type { InboundMessage } from "../../../bot/core/types.js";
import type { Reply } from "../../../lib/reply.js";
import { createTestDispatcher } from "../../helpers/bot.js";
import { bundledKnowledgeBase, silentLogger } from "../../helpers/knowledge.js";
import { createTestRedis } from "../../helpers/redis.js";

const ask = (conversation: string, text: string, messageId?: string): InboundMessage => ({
  channel: "test",
  conversation,
  user: `u-${conversation}`,
  text,
  kind: "text",
  messageId,
});

describe("delivery rules shared by every channel", () => {
  const r = createTestRedis();
  afterAll(() => r.dispose());

  it("answers a delivery seen twice only once, even on two processes at the same moment", async () => {
    const one = createTestDispatcher(r);
    const two = createTestDispatcher(r);
    const sent: Reply[][] = [];
    const send = async (replies: Reply[]) => {
      sent.push(replies);
    };
    const message = ask("dup", "đăng ký khai sinh cần giấy tờ gì", "update-1");
    const results = await Promise.all([one.dispatch(message, send), two.dispatch(message, send)]);
    expect(results.filter((x) => x === null)).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.[0]?.text).toContain("khai sinh");
  });

  it("lets a redelivery through when sending failed, so the citizen still gets the answer", async () => {
    const dispatcher = createTestDispatcher(r);
    const message = ask("retry", "lệ phí đăng ký kết hôn", "update-2");
    const failing = async () => {
      throw new Error("channel API down");
    };
    await expect(dispatcher.dispatch(message, failing)).rejects.toThrow("channel API down");
    const sent: Reply[][] = [];
    const result = await dispatcher.dispatch(message, async (replies) => {
      sent.push(replies);
    });
    expect(result?.meta.action).toBe("answer");
    expect(sent).toHaveLength(1);
  });

  it("keeps one conversation's replies in message order across two processes", async () => {
    const one = createTestDispatcher(r);
    const two = createTestDispatcher(r);
    const order: string[] = [];
    const slowSend = (label: string, delayMs: number) => async () => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      order.push(label);
    };
    const first = one.dispatch(
      ask("order", "đăng ký khai sinh cần giấy tờ gì", "o-1"),
      slowSend("first", 150),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = two.dispatch(ask("order", "thế lệ phí bao nhiêu", "o-2"), slowSend("second", 0));
    const [, followUp] = await Promise.all([first, second]);
    expect(order).toEqual(["first", "second"]);
    // The follow-up saw the first turn's session: it is about the same procedure.
    expect(followUp?.meta).toMatchObject({ action: "answer", fields: ["fee"] });
  });

  it("warns a sender who floods once, politely, then stays quiet until the window ends", async () => {
    const dispatcher = createTestDispatcher(r, { flood: { limit: 3, windowSeconds: 60 } });
    const texts: string[] = [];
    const send = async (replies: Reply[]) => {
      texts.push(...replies.map((m) => m.text));
    };
    for (let i = 0; i < 6; i++) await dispatcher.dispatch(ask("flood", "xin chào", `f-${i}`), send);
    expect(texts.filter((t) => t === TEXTS.slowDown)).toHaveLength(1);
    expect(texts.at(-1)).toBe(TEXTS.slowDown);
  });

  it("still answers when Redis is unreachable", async () => {
    const down = new Redis("redis://127.0.0.1:1", {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    const bot = createBot({
      kb: bundledKnowledgeBase(),
      logger: silentLogger,
      sessions: createRedisSessionStore(down, { ttlSeconds: 60 }),
    });
    const dispatcher = createRedisDispatcher({ bot, redis: down, logger: silentLogger });
    const sent: Reply[][] = [];
    const result = await dispatcher.dispatch(ask("down", "đăng ký kết hôn ở đâu", "d-1"), async (replies) => {
      sent.push(replies);
    });
    expect(result?.meta.action).toBe("answer");
    expect(sent).toHaveLength(1);
    down.disconnect();
  });
});
