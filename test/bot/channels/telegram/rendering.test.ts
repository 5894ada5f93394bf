import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../../../app/config.js";
import type { Channel } from "../../../../bot/channels/channel.js";
import { createTelegramChannel } from "../../../../bot/channels/telegram/index.js";
import type { Bot } from "../../../../bot/core/create-bot.js";
import { createRedisDispatcher } from "../../../../bot/core/redis-dispatcher.js";
import { buildWebApp } from "../../../../web/app.js";
import {
  callbackUpdate,
  type FakeTelegram,
  startFakeTelegram,
  textUpdate,
} from "../../../helpers/fake-telegram.js";
import { silentLogger } from "../../../helpers/knowledge.js";
import { createTestRedis } from "../../../helpers/redis.js";

const TOKEN = "987654321:AAtest-token-for-the-fake-bot-api-0002";
const SECRET = "tg-webhook-secret-rendering";
const LONG_PAYLOAD = `echo|${"x".repeat(150)}|end`;

/**
 * A conversation core that says back what it got (text or button payload), with a button whose
 * payload is far over Telegram's 64 bytes; "chậm" keeps it busy, "dài" gets a very long answer.
 */
const echoBot: Bot = {
  async handle(message) {
    if (message.text === "chậm") await new Promise((resolve) => setTimeout(resolve, 2_500));
    const said = message.payload ?? message.text ?? "";
    const text =
      message.text === "dài"
        ? Array.from({ length: 200 }, (_, i) => `Dòng ${i}: ${"a".repeat(40)}`).join("\n")
        : `Bạn nói: ${said}`;
    return {
      replies: [
        {
          text,
          buttons: [
            { label: "Nhắc lại", payload: LONG_PAYLOAD },
            { label: "Một nút có nhãn rất dài, dài hơn hai mươi ký tự", payload: "short|1" },
          ],
        },
      ],
      meta: { intent: "echo", action: null, codes: [], fields: [], feedback_code: null },
    };
  },
};

type KeyboardButton = { text: string; callback_data: string };

describe("Telegram rendering end to end", () => {
  const r = createTestRedis();
  let fake: FakeTelegram;
  let channel: Channel;
  let app: FastifyInstance;
  let nextUpdateId = 1;

  beforeAll(async () => {
    fake = await startFakeTelegram(TOKEN);
    const config = configSchema.parse({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    });
    const dispatcher = createRedisDispatcher({
      bot: echoBot,
      redis: r.redis,
      logger: silentLogger,
      prefix: r.prefix,
    });
    channel = createTelegramChannel({
      config,
      dispatcher,
      logger: silentLogger,
      redis: r.redis,
      prefix: r.prefix,
      retryDelaysMs: [100],
    });
    app = await buildWebApp({
      dispatcher,
      channels: [channel],
      logger: silentLogger,
      sessionSecret: "test-secret-0123456789abcdef",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 0 },
    });
    await app.ready();
    await channel.start?.();
  });
  afterAll(async () => {
    await app.close();
    await channel.stop?.();
    await fake.close();
    await r.dispose();
  });

  const post = (update: Record<string, unknown>) =>
    app.inject({
      method: "POST",
      url: "/webhooks/telegram",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      payload: JSON.stringify({ update_id: nextUpdateId++, ...update }),
    });
  const sentTo = (chatId: number) => fake.callsOf("sendMessage").filter((c) => c.body.chat_id === chatId);
  /** The webhook answers before the turn runs: replies are awaited at the fake. */
  const waitForSent = async (chatId: number, count: number) => {
    const deadline = Date.now() + 10_000;
    while (sentTo(chatId).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages to ${chatId}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return sentTo(chatId);
  };
  const keyboardOf = (body: Record<string, unknown> | undefined) =>
    (body?.reply_markup as { inline_keyboard: KeyboardButton[][] } | undefined)?.inline_keyboard;

  it("does not set a webhook without PUBLIC_URL", () => {
    expect(fake.callsOf("setMyCommands")).toHaveLength(1);
    expect(fake.callsOf("setWebhook")).toHaveLength(0);
  });

  it("escapes what the citizen wrote for HTML parse mode", async () => {
    const chat = 201;
    expect((await post(textUpdate(chat, '<b>đậm</b> & <a href="x">"trích"</a>'))).statusCode).toBe(200);
    const [sent] = await waitForSent(chat, 1);
    expect(sent?.body.parse_mode).toBe("HTML");
    expect(sent?.body.text).toBe('Bạn nói: &lt;b&gt;đậm&lt;/b&gt; &amp; &lt;a href="x"&gt;"trích"&lt;/a&gt;');
  });

  it("keeps a payload over 64 bytes behind a short key and gets it back on the press", async () => {
    const chat = 202;
    await post(textUpdate(chat, "xin chào"));
    const rows = keyboardOf((await waitForSent(chat, 1))[0]?.body) ?? [];
    // A long label gets a row of its own.
    expect(rows.map((row) => row.length)).toEqual([1, 1]);
    const buttons = rows.flat();
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data, "utf8")).toBeLessThanOrEqual(64);
    const repeat = buttons[0] as KeyboardButton;
    expect(repeat.callback_data).not.toContain("xxxx");
    const keys = await r.redis.keys(`${r.prefix}telegram:button:*`);
    expect(keys).toHaveLength(1);
    const ttl = await r.redis.ttl(keys[0] as string);
    expect(ttl).toBeGreaterThan(6 * 24 * 3600);

    expect((await post(callbackUpdate(chat, repeat.callback_data))).statusCode).toBe(200);
    expect((await waitForSent(chat, 2))[1]?.body.text).toBe(`Bạn nói: ${LONG_PAYLOAD}`);
    expect((await post(callbackUpdate(chat, (buttons[1] as KeyboardButton).callback_data))).statusCode).toBe(
      200,
    );
    expect((await waitForSent(chat, 3))[2]?.body.text).toBe("Bạn nói: short|1");
  });

  it("splits a text over 4,096 characters at line breaks, the keyboard under the last piece", async () => {
    const chat = 203;
    await post(textUpdate(chat, "dài"));
    const pieces = (await waitForSent(chat, 3)).map((c) => c.body);
    expect(pieces.length).toBe(3);
    for (const piece of pieces) {
      expect(String(piece.text).length).toBeLessThanOrEqual(4096);
      expect(String(piece.text)).toMatch(/^Dòng \d+: a+/);
      expect(String(piece.text)).toMatch(/a$/);
    }
    expect(
      pieces
        .map((p) => String(p.text))
        .join("\n")
        .split("\n"),
    ).toHaveLength(200);
    expect(keyboardOf(pieces[0])).toBeUndefined();
    expect(keyboardOf(pieces[2])).toBeDefined();
  });

  it("sends again a reply that failed after the webhook was answered, and gives up without crashing", async () => {
    const chat = 205;
    fake.failNext("sendMessage", { errorCode: 500, description: "Internal Server Error" });
    expect((await post(textUpdate(chat, "chậm"))).statusCode).toBe(200);
    const [failed, retried] = await waitForSent(chat, 2);
    expect(retried?.body.text).toBe(failed?.body.text);
    expect(retried?.body.text).toBe("Bạn nói: chậm");

    // Failing past the retries is only logged (no unhandled rejection, the process keeps serving).
    const unlucky = 207;
    fake.failNext("sendMessage", { errorCode: 502, description: "Bad Gateway" }, 2);
    expect((await post(textUpdate(unlucky, "lỗi mạng"))).statusCode).toBe(200);
    await waitForSent(unlucky, 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sentTo(unlucky)).toHaveLength(2);
    expect((await post(textUpdate(unlucky, "lần nữa"))).statusCode).toBe(200);
    expect((await waitForSent(unlucky, 3))[2]?.body.text).toBe("Bạn nói: lần nữa");
  });

  it("serves webhooks in a web-only process that never ran start(), bounding getMe", async () => {
    const config = configSchema.parse({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    });
    const dispatcher = createRedisDispatcher({
      bot: echoBot,
      redis: r.redis,
      logger: silentLogger,
      prefix: r.prefix,
    });
    const webOnly = createTelegramChannel({
      config,
      dispatcher,
      logger: silentLogger,
      redis: r.redis,
      prefix: r.prefix,
    });
    const web = await buildWebApp({
      dispatcher,
      channels: [webOnly],
      logger: silentLogger,
      sessionSecret: "test-secret-0123456789abcdef",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 0 },
    });
    const chat = 206;
    const deliver = (update: Record<string, unknown>) =>
      web.inject({
        method: "POST",
        url: "/webhooks/telegram",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        payload: JSON.stringify(update),
      });
    fake.failNext("getMe", { errorCode: 502, description: "Bad Gateway" }, 1_000);
    const started = Date.now();
    const update = textUpdate(chat, "xin chào", 60_606);
    expect((await deliver(update)).statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(sentTo(chat)).toHaveLength(0);
    fake.failNext("getMe", { errorCode: 502, description: "Bad Gateway" }, 0);
    expect((await deliver(update)).statusCode).toBe(200);
    expect((await waitForSent(chat, 1))[0]?.body.text).toBe("Bạn nói: xin chào");
    await web.close();
    await webOnly.stop?.();
  });

  it("answers the webhook within 2 seconds while the core is busy, and stop() waits for the reply", async () => {
    const chat = 204;
    const started = Date.now();
    const res = await post(textUpdate(chat, "chậm"));
    expect(res.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sentTo(chat)).toHaveLength(0);
    await channel.stop?.();
    expect(sentTo(chat)[0]?.body.text).toBe("Bạn nói: chậm");
  });
});
