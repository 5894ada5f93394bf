import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../../app/config.js";
import type { Channel } from "../../../../bot/channels/channel.js";
import { createZaloBotChannel } from "../../../../bot/channels/zalo-bot/index.js";
import type { Dispatcher } from "../../../../bot/core/dispatch.js";
import { TEXTS } from "../../../../bot/core/texts.js";
import { type FakeZaloBot, startFakeZaloBot } from "../../../../scripts/lib/fake-zalo-bot-api.js";
import { buildWebApp } from "../../../../web/app.js";
import { createTestDispatcher } from "../../../helpers/bot.js";
import { silentLogger } from "../../../helpers/knowledge.js";
import { createTestRedis } from "../../../helpers/redis.js";

const TOKEN = "1234567890:zalo-bot-test-token-abcdef";
const SECRET = "zalo-bot-webhook-secret-0123";
const PUBLIC_URL = "https://motcua.example.gov.vn";

let sequence = 0;

/** A webhook body as the platform sends it: `{ok, result: {event_name, message}}`. */
function update(event: string, chat: string, fields: Record<string, unknown> = {}, messageId?: string) {
  return {
    ok: true,
    result: {
      event_name: event,
      message: {
        from: { id: `user-${chat}`, display_name: "Lan", is_bot: false },
        chat: { id: chat, chat_type: "PRIVATE" },
        message_id: messageId ?? `msg-${++sequence}`,
        date: Date.now(),
        ...fields,
      },
    },
  };
}

const textUpdate = (chat: string, text: string, messageId?: string) =>
  update("message.text.received", chat, { text }, messageId);

describe("Zalo Bot Platform channel", () => {
  const r = createTestRedis();
  let fake: FakeZaloBot;
  let dispatcher: Dispatcher;
  let channel: Channel;
  let app: FastifyInstance;

  const makeChannel = (env: Record<string, string | undefined> = {}, logger = silentLogger) =>
    createZaloBotChannel(
      {
        config: loadConfig({
          ZALO_BOT_TOKEN: TOKEN,
          ZALO_BOT_WEBHOOK_SECRET: SECRET,
          ZALO_BOT_API_ROOT: fake.apiRoot,
          PUBLIC_URL,
          ...env,
        }),
        dispatcher,
        logger,
        redis: r.redis,
      },
      { prefix: r.prefix, typingDelayMs: 5_000, retryDelayMs: 10 },
    );

  const buildApp = (channels: Channel[]) =>
    buildWebApp({
      dispatcher,
      channels,
      logger: silentLogger,
      sessionSecret: "test-session-secret-0123456789",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
    });

  const post = (body: unknown, headers: Record<string, string> = { "x-bot-api-secret-token": SECRET }) =>
    app.inject({
      method: "POST",
      url: "/webhooks/zalo-bot",
      headers: { "content-type": "application/json", ...headers },
      payload: typeof body === "string" ? body : JSON.stringify(body),
    });

  /** Posts an update and waits until the channel has sent everything it will send for it. */
  const deliver = async (body: unknown) => {
    const res = await post(body);
    await channel.stop?.();
    return res;
  };

  beforeAll(async () => {
    fake = await startFakeZaloBot(TOKEN);
    dispatcher = createTestDispatcher(r);
    channel = makeChannel();
    app = await buildApp([channel]);
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await app.close();
    await channel.stop?.();
    await fake.close();
    await r.dispose();
  });

  it("answers a question with numbered options, and typing a number shows that part", async () => {
    const res = await deliver(textUpdate("chat-1", "đăng ký khai sinh cần giấy tờ gì"));
    expect(res.statusCode).toBe(200);
    const answer = fake.sentTexts("chat-1");
    expect(answer.join("\n")).toContain("1.001193");
    const last = answer.at(-1) ?? "";
    expect(last).toContain("Bạn có thể gõ số để chọn:");
    const fee = /^(\d+)\. Lệ phí$/mu.exec(last)?.[1];
    expect(fee).toBeDefined();
    expect(last).toMatch(/^1\. /mu);

    fake.reset();
    await deliver(textUpdate("chat-1", fee ?? ""));
    const part = fake.sentTexts("chat-1").join("\n");
    expect(part).toContain("1.001193");
    expect(part).toMatch(/lệ phí/iu);
    expect(part).not.toBe(answer.join("\n"));
  });

  it("treats a number as text when no numbered list was shown in that chat", async () => {
    await deliver(textUpdate("chat-no-menu", "2"));
    const texts = fake.sentTexts("chat-no-menu");
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.join("\n")).not.toContain("1.001193");
  });

  it("refuses a missing or wrong secret with 401 and sends nothing", async () => {
    const body = textUpdate("chat-forged", "/start");
    const missing = await post(body, {});
    const wrong = await post(body, { "x-bot-api-secret-token": `${SECRET}x` });
    const forgedJunk = await post("{not json", { "x-bot-api-secret-token": "nope" });
    await channel.stop?.();
    expect(missing.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(forgedJunk.statusCode).toBe(401);
    expect(fake.calls).toHaveLength(0);
  });

  it("answers an update delivered twice only once", async () => {
    const body = textUpdate("chat-dup", "/start", "msg-dup-1");
    const [a, b] = await Promise.all([post(body), post(body)]);
    await channel.stop?.();
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(fake.sentTexts("chat-dup")).toEqual([TEXTS.welcome]);
    await deliver(body);
    expect(fake.sentTexts("chat-dup")).toHaveLength(1);
  });

  it("answers stickers, photos and unsupported messages politely in Vietnamese", async () => {
    await deliver(
      update("message.sticker.received", "chat-media", { sticker: "stk-1", url: "https://s.example/1.png" }),
    );
    await deliver(update("message.image.received", "chat-media", { photo_url: "https://p.example/a.jpg" }));
    await deliver(update("message.unsupported.received", "chat-media"));
    expect(fake.sentTexts("chat-media")).toEqual([TEXTS.nonText, TEXTS.nonText, TEXTS.nonText]);
  });

  it("accepts an update without the {ok, result} envelope", async () => {
    await deliver(textUpdate("chat-bare", "/start").result);
    expect(fake.sentTexts("chat-bare")).toEqual([TEXTS.welcome]);
  });

  it("rejects malformed bodies with 400 and acknowledges unknown events without sending", async () => {
    expect((await post("{not json")).statusCode).toBe(400);
    expect((await post("")).statusCode).toBe(400);
    expect((await post("[1,2]")).statusCode).toBe(400);
    expect((await post(update("message.text.received", "chat-x", { chat: {} }))).statusCode).toBe(400);
    const unknown = await post({ ok: true, result: { event_name: "bot.added.to.group", data: {} } });
    expect(unknown.statusCode).toBe(200);
    const plainText = await post(JSON.stringify(textUpdate("chat-ct", "/start")), {
      "x-bot-api-secret-token": SECRET,
      "content-type": "text/plain",
    });
    expect(plainText.statusCode).toBe(200);
    await channel.stop?.();
    expect(fake.sentTexts().filter((t) => t !== TEXTS.welcome)).toHaveLength(0);
    expect(fake.sentTexts("chat-ct")).toEqual([TEXTS.welcome]);
  });

  it("splits a long answer into messages of at most 2,000 characters", async () => {
    await deliver(textUpdate("chat-long", "đăng ký khai sinh cần giấy tờ gì"));
    const first = fake.sentTexts("chat-long");
    expect(first.length).toBeGreaterThan(1);
    for (const text of first) expect(text.length).toBeLessThanOrEqual(2_000);
    const full = /^(\d+)\. Xem đầy đủ$/mu.exec(first.at(-1) ?? "")?.[1] ?? "";
    fake.reset();
    await deliver(textUpdate("chat-long", full));
    const all = fake.sentTexts("chat-long");
    expect(all.join("").length).toBeGreaterThan(2_000);
    for (const text of all) expect(text.length).toBeLessThanOrEqual(2_000);
  });

  it("answers the webhook at once while the reply is still being worked on", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: Dispatcher = {
      dispatch: async (message, send) => {
        await gate;
        return dispatcher.dispatch(message, send);
      },
    };
    const slowChannel = createZaloBotChannel(
      {
        config: loadConfig({
          ZALO_BOT_TOKEN: TOKEN,
          ZALO_BOT_WEBHOOK_SECRET: SECRET,
          ZALO_BOT_API_ROOT: fake.apiRoot,
        }),
        dispatcher: slow,
        logger: silentLogger,
        redis: r.redis,
      },
      { prefix: r.prefix },
    );
    const slowApp = await buildApp([slowChannel]);
    const started = Date.now();
    const res = await slowApp.inject({
      method: "POST",
      url: "/webhooks/zalo-bot",
      headers: { "content-type": "application/json", "x-bot-api-secret-token": SECRET },
      payload: JSON.stringify(textUpdate("chat-slow", "/start")),
    });
    expect(res.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.sentTexts("chat-slow")).toHaveLength(0);
    const stopped = slowChannel.stop?.();
    release();
    await stopped;
    expect(fake.sentTexts("chat-slow")).toEqual([TEXTS.welcome]);
    await slowApp.close();
  });

  it("retries a rate-limited send, and a redelivery after a failed send is answered", async () => {
    fake.failNext("sendMessage", { status: 429, errorCode: 429, description: "Too Many Requests" });
    await deliver(textUpdate("chat-429", "/start"));
    expect(fake.sentTexts("chat-429")).toEqual([TEXTS.welcome]);

    const body = textUpdate("chat-down", "/start");
    fake.failNext("sendMessage", { status: 502, errorCode: 502, description: "Bad Gateway" }, 2);
    await deliver(body);
    expect(fake.sentTexts("chat-down")).toHaveLength(0);
    await deliver(body);
    expect(fake.sentTexts("chat-down")).toEqual([TEXTS.welcome]);
  });

  it("drops a reply the platform refuses for good, without retrying", async () => {
    fake.failNext(
      "sendMessage",
      { status: 400, errorCode: 400, description: "Bad Request: chat not found" },
      5,
    );
    const res = await deliver(textUpdate("chat-gone", "/start"));
    expect(res.statusCode).toBe(200);
    expect(fake.sentTexts("chat-gone")).toHaveLength(0);
  });

  it("registers the webhook with its secret at start when PUBLIC_URL is set", async () => {
    await channel.start?.();
    expect(fake.calls.filter((c) => c.method === "setWebhook")).toEqual([
      {
        method: "setWebhook",
        token: TOKEN,
        params: { url: `${PUBLIC_URL}/webhooks/zalo-bot`, secret_token: SECRET },
      },
    ]);
    fake.reset();
    await makeChannel({ PUBLIC_URL: undefined }).start?.();
    expect(fake.calls).toHaveLength(0);
  });

  it("never logs the token or the citizen's text, even when the API cannot be reached", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "trace" }, { write: (line: string) => lines.push(line) });
    const offline = makeChannel({ ZALO_BOT_API_ROOT: "http://127.0.0.1:9" }, logger);
    const offlineApp = await buildApp([offline]);
    await offline.start?.();
    await offlineApp.inject({
      method: "POST",
      url: "/webhooks/zalo-bot",
      headers: { "content-type": "application/json", "x-bot-api-secret-token": SECRET },
      payload: JSON.stringify(textUpdate("chat-offline", "số điện thoại của tôi là 0912345678")),
    });
    await offline.stop?.();
    await offlineApp.close();
    const log = lines.join("");
    expect(log).toContain("setWebhook failed");
    expect(log).toContain("zalo-bot update failed");
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain("0912345678");
    expect(log).not.toContain(SECRET);
  });
});
