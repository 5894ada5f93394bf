import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../../../app/config.js";
import type { Channel } from "../../../../bot/channels/channel.js";
import { createTelegramChannel } from "../../../../bot/channels/telegram/index.js";
import { TEXTS } from "../../../../bot/core/texts.js";
import { buildWebApp } from "../../../../web/app.js";
import { createTestDispatcher } from "../../../helpers/bot.js";
import {
  callbackUpdate,
  type FakeTelegram,
  messageUpdate,
  startFakeTelegram,
  textUpdate,
} from "../../../helpers/fake-telegram.js";
import { silentLogger } from "../../../helpers/knowledge.js";
import { createTestRedis } from "../../../helpers/redis.js";

const TOKEN = "123456789:AAtest-token-for-the-fake-bot-api-0001";
const SECRET = "tg-webhook-secret-0123456789";

type KeyboardButton = { text: string; callback_data: string };

describe("Telegram channel over a webhook", () => {
  const r = createTestRedis();
  let fake: FakeTelegram;
  let channel: Channel;
  let app: FastifyInstance;
  let nextUpdateId = 5_000;

  beforeAll(async () => {
    fake = await startFakeTelegram(TOKEN);
    const config = configSchema.parse({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PUBLIC_URL: "https://motcua.example.vn/",
    });
    channel = createTelegramChannel({
      config,
      dispatcher: createTestDispatcher(r),
      logger: silentLogger,
      redis: r.redis,
      prefix: r.prefix,
      retryDelaysMs: [50],
      typingDelayMs: 0,
    });
    app = await buildWebApp({
      dispatcher: createTestDispatcher(r),
      channels: [channel],
      logger: silentLogger,
      sessionSecret: "test-secret-0123456789abcdef",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
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

  const post = (update: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: "/webhooks/telegram",
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": SECRET,
        ...headers,
      },
      payload: JSON.stringify({ update_id: nextUpdateId++, ...update }),
    });
  const sentTo = (chatId: number) => fake.callsOf("sendMessage").filter((c) => c.body.chat_id === chatId);
  const waitForSent = async (chatId: number, count: number) => {
    const deadline = Date.now() + 10_000;
    while (sentTo(chatId).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages to ${chatId}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return sentTo(chatId);
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
  const keyboardOf = (body: Record<string, unknown>) =>
    (
      (body.reply_markup as { inline_keyboard?: KeyboardButton[][] } | undefined)?.inline_keyboard ?? []
    ).flat();

  it("registers the seven commands in Vietnamese and the webhook with its secret at start", () => {
    const commands = fake.callsOf("setMyCommands").at(-1)?.body.commands as { command: string }[];
    expect(commands.map((c) => c.command)).toEqual([
      "start",
      "help",
      "hoi",
      "phananh",
      "tracuu",
      "bosung",
      "huy",
    ]);
    expect(commands).toContainEqual({ command: "phananh", description: "Gửi phản ánh, kiến nghị" });
    const webhook = fake.callsOf("setWebhook").at(-1)?.body;
    expect(webhook).toMatchObject({
      url: "https://motcua.example.vn/webhooks/telegram",
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query"],
    });
    expect(fake.callsOf("getUpdates")).toHaveLength(0);
    expect(fake.calls.every((c) => c.token === TOKEN)).toBe(true);
  });

  it("answers a question in HTML with an inline keyboard, and a pressed button shows that part", async () => {
    const chat = 101;
    const res = await post(textUpdate(chat, "đăng ký khai sinh cần giấy tờ gì"));
    expect(res.statusCode).toBe(200);
    const answer = await waitForSent(chat, 1);
    await settle();
    const last = sentTo(chat).at(-1)?.body as Record<string, unknown>;
    expect(answer.every((c) => c.body.parse_mode === "HTML")).toBe(true);
    expect(answer.map((c) => c.body.text).join("\n")).toContain("1.001193");
    const buttons = keyboardOf(last);
    expect(buttons.length).toBeGreaterThan(1);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data, "utf8")).toBeLessThanOrEqual(64);
    expect(
      fake.callsOf("sendChatAction").some((c) => c.body.chat_id === chat && c.body.action === "typing"),
    ).toBe(true);

    const fee = buttons.find((b) => b.text === "Lệ phí") as KeyboardButton;
    expect(fee).toBeDefined();
    const before = sentTo(chat).length;
    const press = callbackUpdate(chat, fee.callback_data);
    expect((await post(press)).statusCode).toBe(200);
    const after = await waitForSent(chat, before + 1);
    const queryId = (press.callback_query as { id: string }).id;
    expect(fake.callsOf("answerCallbackQuery").map((c) => c.body.callback_query_id)).toContain(queryId);
    const part = after.slice(before).map((c) => String(c.body.text));
    expect(part.join("\n")).toContain("1.001193");
    expect(part.join("\n")).toContain("LỆ PHÍ");
  });

  it("answers a stale button politely and still stops its spinner", async () => {
    const chat = 102;
    const press = callbackUpdate(chat, "k:this-key-expired-long-ago");
    expect((await post(press)).statusCode).toBe(200);
    const [reply] = await waitForSent(chat, 1);
    expect(reply?.body.text).toBe(TEXTS.unknownButton);
    const queryId = (press.callback_query as { id: string }).id;
    expect(fake.callsOf("answerCallbackQuery").map((c) => c.body.callback_query_id)).toContain(queryId);
  });

  it("refuses a forged webhook with 401 and sends nothing", async () => {
    const chat = 103;
    const missing = await app.inject({
      method: "POST",
      url: "/webhooks/telegram",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify(textUpdate(chat, "/start", nextUpdateId++)),
    });
    expect(missing.statusCode).toBe(401);
    const wrong = await post(textUpdate(chat, "/start"), { "x-telegram-bot-api-secret-token": `${SECRET}x` });
    expect(wrong.statusCode).toBe(401);
    const garbage = await app.inject({
      method: "POST",
      url: "/webhooks/telegram",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "nope" },
      payload: "{not json",
    });
    expect(garbage.statusCode).toBe(401);
    await settle();
    expect(fake.calls.filter((c) => c.body.chat_id === chat)).toHaveLength(0);
  });

  it("replies once to an update delivered twice", async () => {
    const chat = 104;
    const update = textUpdate(chat, "/start", 77_777);
    const [first, second] = await Promise.all([post(update), post(update)]);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    await waitForSent(chat, 1);
    expect((await post(update)).statusCode).toBe(200);
    await settle();
    expect(sentTo(chat)).toHaveLength(1);
    expect(sentTo(chat)[0]?.body.text).toContain("Xin chào");
  });

  it("answers stickers, photos, files and places politely in Vietnamese", async () => {
    const chat = 105;
    const photo = [
      { file_id: "small", file_unique_id: "s", width: 90, height: 60, file_size: 1_000 },
      { file_id: "large", file_unique_id: "l", width: 1280, height: 853, file_size: 90_000 },
    ];
    const updates = [
      messageUpdate(chat, {
        sticker: {
          file_id: "st",
          file_unique_id: "st",
          type: "regular",
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
        },
      }),
      messageUpdate(chat, { photo }),
      messageUpdate(chat, { voice: { file_id: "v", file_unique_id: "v", duration: 3 } }),
      messageUpdate(chat, { location: { latitude: 21.0285, longitude: 105.8542 } }),
    ];
    for (const update of updates) expect((await post(update)).statusCode).toBe(200);
    const replies = await waitForSent(chat, updates.length);
    for (const reply of replies) expect(reply.body.text).toBe(TEXTS.nonText);
  });

  it("rejects bad input with 4xx and ignores updates nobody waits on", async () => {
    const chat = 106;
    const raw = (payload: string, contentType = "application/json") =>
      app.inject({
        method: "POST",
        url: "/webhooks/telegram",
        headers: { "content-type": contentType, "x-telegram-bot-api-secret-token": SECRET },
        payload,
      });
    expect((await raw("{not json")).statusCode).toBe(400);
    expect((await raw("")).statusCode).toBe(400);
    expect((await raw("[]")).statusCode).toBe(400);
    expect((await raw('{"hello":"world"}')).statusCode).toBe(400);
    expect((await raw("update_id=1", "application/x-www-form-urlencoded")).statusCode).toBe(415);

    const message = (textUpdate(chat, "sửa tin") as { message: Record<string, unknown> }).message;
    const ignored = [
      { edited_message: { ...message, edit_date: 1 } },
      { channel_post: { ...message, chat: { id: -100123, type: "channel", title: "Kênh" } } },
      {
        my_chat_member: {
          chat: message.chat,
          from: message.from,
          date: 1,
          old_chat_member: { status: "member", user: message.from },
          new_chat_member: { status: "kicked", user: message.from, until_date: 0 },
        },
      },
      messageUpdate(chat, { new_chat_title: "Nhóm mới" }),
    ];
    for (const update of ignored) expect((await post(update)).statusCode).toBe(200);
    await settle();
    expect(fake.calls.filter((c) => c.body.chat_id === chat)).toHaveLength(0);

    // Still serving afterwards.
    expect((await post(textUpdate(chat, "/help"))).statusCode).toBe(200);
    expect((await waitForSent(chat, 1))[0]?.body.text).toContain("Xin chào");
  });

  it("waits out a 429 and sends again when Telegram fails, replying once in the end", async () => {
    const chat = 107;
    fake.failNext("sendMessage", {
      errorCode: 429,
      description: "Too Many Requests: retry after 1",
      retryAfter: 1,
    });
    expect((await post(textUpdate(chat, "/start"))).statusCode).toBe(200);
    expect(await waitForSent(chat, 2)).toHaveLength(2); // the refused call, then the retry

    // The webhook was answered before the turn ran, so the channel itself sends again.
    const failing = 108;
    fake.failNext("sendMessage", { errorCode: 500, description: "Internal Server Error" });
    const update = textUpdate(failing, "/start", 88_888);
    expect((await post(update)).statusCode).toBe(200);
    await waitForSent(failing, 2); // the failed attempt and the retry
    expect((await post(update)).statusCode).toBe(200); // a redelivery changes nothing
    await settle();
    expect(sentTo(failing)).toHaveLength(2);
    expect(sentTo(failing)[1]?.body.text).toContain("Xin chào");

    // Past the retries nothing reached the citizen: the delivery is let go, so a redelivery answers.
    const down = 110;
    fake.failNext("sendMessage", { errorCode: 502, description: "Bad Gateway" }, 2);
    const lost = textUpdate(down, "/start", 99_999);
    expect((await post(lost)).statusCode).toBe(200);
    await waitForSent(down, 2);
    await settle();
    expect((await post(lost)).statusCode).toBe(200);
    expect((await waitForSent(down, 3))[2]?.body.text).toContain("Xin chào");

    const blocked = 109;
    fake.failNext("sendMessage", { errorCode: 403, description: "Forbidden: bot was blocked by the user" });
    expect((await post(textUpdate(blocked, "/start"))).statusCode).toBe(200);
    await settle();
    expect(sentTo(blocked)).toHaveLength(1);
  });
});
