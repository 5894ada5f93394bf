import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../../app/config.js";
import type { Channel } from "../../../bot/channels/channel.js";
import { createTelegramChannel } from "../../../bot/channels/telegram/index.js";
import { createZaloBotChannel } from "../../../bot/channels/zalo-bot/index.js";
import type { Database } from "../../../db/client.js";
import { listPaknBySender } from "../../../feedback/pakn-repo.js";
import { type FakeZaloBot, startFakeZaloBot } from "../../../scripts/lib/fake-zalo-bot-api.js";
import { buildWebApp } from "../../../web/app.js";
import { createTestDispatcher, testFeedbackService } from "../../helpers/bot.js";
import { createTestDatabase } from "../../helpers/databases.js";
import {
  callbackUpdate,
  type FakeTelegram,
  startFakeTelegram,
  textUpdate,
} from "../../helpers/fake-telegram.js";
import { silentLogger } from "../../helpers/knowledge.js";
import { createTestRedis } from "../../helpers/redis.js";
import { createZaloHarness, postEvent, zaloEvent } from "./zalo-oa/zalo-oa-harness.js";

const TG_TOKEN = "555555555:AAintake-test-token-for-the-fake-bot";
const TG_SECRET = "tg-intake-secret-0123456789";
const ZB_TOKEN = "777:zalo-bot-intake-token";
const ZB_SECRET = "zalo-bot-intake-secret";

/** What a citizen types, step by step, when a button is not pressed ("label" means press that button). */
const DIALOG: Array<{ say?: string; press?: string }> = [
  { say: "/phananh" },
  { press: "Phản ánh" },
  {
    say: "Đèn đường trên trục đường chính thôn 4 xã Hòa Tiến hỏng cả tháng nay, buổi tối rất tối và nguy hiểm.",
  },
  { say: "thôn 4 xã Hòa Tiến" },
  { press: "Bỏ qua" },
  { press: "Đồng ý" },
  { say: "Trần Thị Mai" },
  { say: "0987 654 321" },
  { say: "thôn 4 xã Hòa Tiến" },
  { press: "Xác nhận gửi" },
];

describe("the PAKN intake over the messaging channels", () => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let telegram: FakeTelegram;
  let zaloBot: FakeZaloBot;
  let channels: Channel[];
  let app: FastifyInstance;
  let sequence = 0;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pglite"));
    telegram = await startFakeTelegram(TG_TOKEN);
    zaloBot = await startFakeZaloBot(ZB_TOKEN);
    const dispatcher = createTestDispatcher(r, { feedback: testFeedbackService(database.db) });
    const config = configSchema.parse({
      TELEGRAM_BOT_TOKEN: TG_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      ZALO_BOT_TOKEN: ZB_TOKEN,
      ZALO_BOT_WEBHOOK_SECRET: ZB_SECRET,
      ZALO_BOT_API_ROOT: zaloBot.apiRoot,
    });
    channels = [
      createTelegramChannel({ config, dispatcher, logger: silentLogger, redis: r.redis, prefix: r.prefix }),
      createZaloBotChannel(
        { config, dispatcher, logger: silentLogger, redis: r.redis },
        { prefix: r.prefix },
      ),
    ];
    app = await buildWebApp({
      dispatcher,
      channels,
      logger: silentLogger,
      sessionSecret: "intake-session-secret-0123456789",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    for (const c of channels) await c.stop?.();
    await telegram.close();
    await zaloBot.close();
    await dispose();
    await r.dispose();
  });

  const until = async (check: () => boolean) => {
    const end = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > end) throw new Error("no reply");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it("files a PAKN on Telegram with buttons, and the code reaches the chat", async () => {
    const chat = 4100;
    const sent = () => telegram.callsOf("sendMessage").filter((c) => c.body.chat_id === chat);
    const post = async (update: Record<string, unknown>) => {
      const before = sent().length;
      const res = await app.inject({
        method: "POST",
        url: "/webhooks/telegram",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TG_SECRET },
        payload: JSON.stringify({ update_id: 90_000 + ++sequence, ...update }),
      });
      expect(res.statusCode).toBe(200);
      await until(() => sent().length > before);
    };
    for (const step of DIALOG) {
      if (step.say) await post(textUpdate(chat, step.say));
      else {
        const markup = sent().at(-1)?.body.reply_markup as
          | { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }
          | undefined;
        const keyboard = markup?.inline_keyboard.flat() ?? [];
        const button = keyboard.find((b) => b.text === step.press);
        expect(button, `button ${step.press}`).toBeDefined();
        await post(callbackUpdate(chat, button?.callback_data ?? ""));
      }
    }
    const last = String(sent().at(-1)?.body.text);
    expect(last).toMatch(/PAKN\.\d{8}\.\d{4}/);
    const [filed] = await listPaknBySender(database.db, { channel: "telegram", user: String(chat) });
    expect(last).toContain(filed?.code);
    expect(filed).toMatchObject({ contactName: "Trần Thị Mai", contactPhone: "0987654321" });
  });

  it("files a PAKN on the Zalo bot by typing the numbers of the options", async () => {
    const chat = "zb-4200";
    const post = async (text: string) => {
      const before = zaloBot.sentTexts(chat).length;
      const res = await app.inject({
        method: "POST",
        url: "/webhooks/zalo-bot",
        headers: { "content-type": "application/json", "x-bot-api-secret-token": ZB_SECRET },
        payload: JSON.stringify({
          ok: true,
          result: {
            event_name: "message.text.received",
            message: {
              from: { id: chat, display_name: "Mai", is_bot: false },
              chat: { id: chat, chat_type: "PRIVATE" },
              message_id: `zb-msg-${++sequence}`,
              date: Date.now(),
              text,
            },
          },
        }),
      });
      expect(res.statusCode).toBe(200);
      await until(() => zaloBot.sentTexts(chat).length > before);
    };
    for (const step of DIALOG) {
      if (step.say) await post(step.say);
      else {
        const last = zaloBot.sentTexts(chat).at(-1) ?? "";
        const number = new RegExp(`(\\d+)\\. ${step.press}`).exec(last)?.[1];
        expect(number, `option ${step.press} in: ${last}`).toBeDefined();
        await post(number ?? "");
      }
    }
    const last = zaloBot.sentTexts(chat).at(-1) ?? "";
    expect(last).toMatch(/PAKN\.\d{8}\.\d{4}/);
    const [filed] = await listPaknBySender(database.db, { channel: "zalo-bot", user: chat });
    expect(last).toContain(filed?.code);
  });

  it("files a PAKN on the Zalo Official Account with its query buttons", async () => {
    const h = await createZaloHarness("pglite");
    try {
      const p = await h.process({}, { feedback: testFeedbackService(h.database.db) });
      const user = "oa-citizen-4300";
      const send = async (text: string) => {
        const before = h.fake.deliveredTo(user).length;
        expect((await postEvent(p.app, zaloEvent("user_send_text", user, { text }))).statusCode).toBe(200);
        await h.fake.waitFor(() => h.fake.deliveredTo(user).length > before);
        await p.channel.stop?.();
      };
      for (const step of DIALOG) {
        if (step.say) await send(step.say);
        else {
          const button = h.fake
            .deliveredTo(user)
            .flatMap((c) => c.buttons)
            .reverse()
            .find((b) => b.title === step.press);
          expect(button, `button ${step.press}`).toBeDefined();
          await send(String(button?.payload));
        }
      }
      const last = h.fake.deliveredTo(user).at(-1)?.text ?? "";
      expect(last).toMatch(/PAKN\.\d{8}\.\d{4}/);
      const [filed] = await listPaknBySender(h.database.db, { channel: "zalo", user });
      expect(last).toContain(filed?.code);
    } finally {
      await h.dispose();
    }
  });
});
