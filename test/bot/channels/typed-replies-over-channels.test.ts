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
import { type FakeTelegram, startFakeTelegram, textUpdate } from "../../helpers/fake-telegram.js";
import { silentLogger } from "../../helpers/knowledge.js";
import { createTestRedis } from "../../helpers/redis.js";

const TG_TOKEN = "666666666:AAtyped-replies-token-for-the-fake";
const TG_SECRET = "tg-typed-secret-0123456789";
const ZB_TOKEN = "888:zalo-bot-typed-token";
const ZB_SECRET = "zalo-bot-typed-secret";

const REPORT = "Đèn đường trục chính thôn 4 hỏng cả tháng nay không ai sửa, buổi tối rất tối và nguy hiểm";
const PLACE = "Thôn 4, xã Hòa Tiến";

/**
 * The answer to each question of the intake, typed (never a button): the reply the bot is waiting
 * for, chosen from what it just asked.
 */
function typedAnswer(asked: string, yes: string): string {
  if (/liên quan đến thủ tục/.test(asked)) return "không";
  if (/xảy ra ở đâu/.test(asked)) return PLACE;
  if (/ảnh chụp hiện trường/.test(asked)) return "bỏ qua";
  if (/Bạn có đồng ý không/.test(asked)) return "đồng ý";
  if (/họ và tên/.test(asked)) return "Trần Thị Mai";
  if (/Số điện thoại/.test(asked)) return "0987 654 321";
  if (/Địa chỉ liên hệ/.test(asked)) return "Tổ 7, phường Hòa Khánh, TP Đà Nẵng";
  if (/kiểm tra lại/.test(asked)) return yes;
  throw new Error(`unexpected question: ${asked}`);
}

describe("typed answers over the messaging channels", () => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let telegram: FakeTelegram;
  let zaloBot: FakeZaloBot;
  let channels: Channel[];
  let app: FastifyInstance;
  let sequence = 0;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pg"));
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
      sessionSecret: "typed-session-secret-0123456789",
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

  /** Sends a typed message on Telegram and returns the texts the bot sent for it. */
  function telegramChat(chat: number) {
    const sent = () => telegram.callsOf("sendMessage").filter((c) => c.body.chat_id === chat);
    return async (text: string): Promise<string> => {
      const before = sent().length;
      const res = await app.inject({
        method: "POST",
        url: "/webhooks/telegram",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TG_SECRET },
        payload: JSON.stringify({ update_id: 95_000 + ++sequence, ...textUpdate(chat, text) }),
      });
      expect(res.statusCode).toBe(200);
      await until(() => sent().length > before);
      // The turn's messages are sent one after the other: wait until the last one is out.
      await new Promise((resolve) => setTimeout(resolve, 100));
      return sent()
        .slice(before)
        .map((c) => String(c.body.text))
        .join("\n");
    };
  }

  /** Sends a typed message on the Zalo bot and returns the texts the bot sent for it. */
  function zaloChat(chat: string) {
    return async (text: string): Promise<string> => {
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
              message_id: `zb-typed-${++sequence}`,
              date: Date.now(),
              text,
            },
          },
        }),
      });
      expect(res.statusCode).toBe(200);
      await until(() => zaloBot.sentTexts(chat).length > before);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return zaloBot.sentTexts(chat).slice(before).join("\n");
    };
  }

  /** Walks the intake from a reported problem to the summary's answer, typing every reply. */
  async function fileByTyping(say: (text: string) => Promise<string>, yes: string, confirm: string) {
    expect(await say(REPORT)).toMatch(/Có vẻ bạn đang phản ánh/);
    let asked = await say(yes);
    expect(asked).not.toMatch(/chưa tìm thấy thủ tục/);
    for (let turn = 0; turn < 10 && !/PAKN\.\d{8}\.\d{4}/.test(asked); turn++)
      asked = await say(typedAnswer(asked, confirm));
    return asked;
  }

  it("files a PAKN on Telegram answered only by typing, each field in its column", async () => {
    const chat = 5100;
    const done = await fileByTyping(telegramChat(chat), "có", "ok");
    expect(done).toMatch(/Đã gửi thành công/);
    const [filed] = await listPaknBySender(database.db, { channel: "telegram", user: String(chat) });
    expect(done).toContain(filed?.code);
    expect(filed).toMatchObject({
      kind: "phan_anh",
      content: REPORT,
      place: PLACE,
      contactName: "Trần Thị Mai",
      contactPhone: "0987654321",
      contactAddress: "Tổ 7, phường Hòa Khánh, TP Đà Nẵng",
    });
  });

  it("on Telegram, “không” ends the offer politely and “hả” has it asked again with its choices", async () => {
    const say = telegramChat(5200);
    await say(REPORT);
    const unclear = await say("hả");
    expect(unclear).toContain("1 hoặc “có”: Gửi phản ánh");
    expect(await say("ko")).toMatch(/không gửi phản ánh này/);
    const welcome = await say("/start");
    expect(welcome).toContain("Gửi phản ánh, kiến nghị");
    const markup = telegram.callsOf("sendMessage").at(-1)?.body.reply_markup as
      | { inline_keyboard: Array<Array<{ text: string }>> }
      | undefined;
    expect(markup?.inline_keyboard.flat().map((b) => b.text)).toContain("Gửi phản ánh, kiến nghị");
  });

  it("files a PAKN on the Zalo bot typing words (co, đồng ý) and the summary's number", async () => {
    const chat = "zb-typed-5300";
    const say = zaloChat(chat);
    // Words without diacritics, then the number the summary shows for "Xác nhận gửi".
    const done = await fileByTyping(say, "co", "1");
    expect(done).toMatch(/Đã gửi thành công/);
    const [filed] = await listPaknBySender(database.db, { channel: "zalo-bot", user: chat });
    expect(done).toContain(filed?.code);
    expect(filed).toMatchObject({
      content: REPORT,
      place: PLACE,
      contactName: "Trần Thị Mai",
      contactPhone: "0987654321",
      contactAddress: "Tổ 7, phường Hòa Khánh, TP Đà Nẵng",
    });
  });

  it("on the Zalo bot, /phananh then typed content goes on; the kind by its number; “không” declines an offer", async () => {
    const say = zaloChat("zb-typed-5400");
    const kind = await say("/phananh");
    expect(kind).toMatch(/1\. Phản ánh/);
    const next = await say(REPORT);
    expect(next).not.toMatch(/phản ánh hay kiến nghị/);
    expect(next).toMatch(/xảy ra ở đâu|liên quan đến thủ tục/);

    const other = zaloChat("zb-typed-5500");
    await other("/phananh");
    expect(await other("2")).toMatch(/nêu nội dung kiến nghị/);

    const offer = zaloChat("zb-typed-5600");
    expect(await offer(REPORT)).toMatch(/2\. Không, tôi muốn hỏi thủ tục/);
    expect(await offer("không")).toMatch(/không gửi phản ánh này/);
  });
});
