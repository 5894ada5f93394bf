import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../../app/config.js";
import { pushThrough } from "../../../app/worker-role.js";
import type { Channel } from "../../../bot/channels/channel.js";
import { createTelegramChannel } from "../../../bot/channels/telegram/index.js";
import type { Database } from "../../../db/client.js";
import { pakn } from "../../../db/schema.js";
import { answerPakn, approvePakn, publishPakn } from "../../../feedback/answer-pakn.js";
import { WAITING_UPDATES_LEAD } from "../../../feedback/citizen-delivery/take-waiting.js";
import { notifyCitizen } from "../../../feedback/notify-citizen.js";
import { createPakn, paknHistory, transitionPakn } from "../../../feedback/pakn-repo.js";
import { RATING_QUESTION } from "../../../feedback/rating-payload.js";
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
import { confirmedPakn } from "../../helpers/pakn.js";
import { createTestRedis } from "../../helpers/redis.js";

const TOKEN = "424242424:AArating-test-token-for-the-fake-bot";
const SECRET = "tg-rating-secret-0123456789";
const CHAT = 4242;

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };

describe("the published answer's rating over Telegram", () => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let telegram: FakeTelegram;
  let channel: Channel;
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pglite"));
    telegram = await startFakeTelegram(TOKEN);
    const dispatcher = createTestDispatcher(r, { feedback: testFeedbackService(database.db) });
    const config = configSchema.parse({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    });
    channel = createTelegramChannel({
      config,
      dispatcher,
      logger: silentLogger,
      redis: r.redis,
      prefix: r.prefix,
    });
    app = await buildWebApp({
      dispatcher,
      channels: [channel],
      logger: silentLogger,
      sessionSecret: "rating-session-secret-0123456789",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 1 },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await channel.stop?.();
    await telegram.close();
    await dispose();
    await r.dispose();
  });

  const sent = () => telegram.callsOf("sendMessage").filter((c) => c.body.chat_id === CHAT);
  const until = async (check: () => boolean) => {
    const end = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > end) throw new Error("no reply");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  /** A PAKN from `chat` on Telegram, assigned, answered, approved and published: its row and last event. */
  const publishedAnswer = async (chat: number, inbound: string, answer: string) => {
    const { row } = await createPakn(
      database.db,
      confirmedPakn(inbound, { channel: "telegram", channelUser: String(chat), conversation: String(chat) }),
    );
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: "ubnd-xa" },
    });
    await answerPakn({ db: database.db }, { paknId: row.id, actor: "officer:1", answer });
    await approvePakn({ db: database.db }, { paknId: row.id, actor: "leader:1" });
    await publishPakn({ db: database.db }, { paknId: row.id, actor: "leader:1" });
    return { row, published: (await paknHistory(database.db, row.id)).at(-1) };
  };

  it("sends the answer with five rating buttons, and a press is recorded and thanked", async () => {
    const { row, published } = await publishedAnswer(
      CHAT,
      "tg-rate-1",
      "UBND xã đã nạo vét cống, đường không còn ngập.",
    );
    expect(published?.toStatus).toBe("published");
    const push = pushThrough([channel]);
    expect(await notifyCitizen({ db: database.db, push }, { eventId: published?.id as number })).toBe("sent");

    const message = sent().at(-1)?.body;
    expect(String(message?.text)).toContain("UBND xã đã nạo vét cống");
    expect(String(message?.text).trimEnd().endsWith(RATING_QUESTION)).toBe(true);
    const buttons = (message?.reply_markup as Keyboard | undefined)?.inline_keyboard.flat() ?? [];
    expect(buttons.map((b) => b.text)).toEqual([
      "1 – Rất kém",
      "2 – Kém",
      "3 – Bình thường",
      "4 – Hài lòng",
      "5 – Rất hài lòng",
    ]);
    for (const [i, b] of buttons.entries()) {
      expect(b.callback_data).toBe(`p:rate|${row.code}|${i + 1}`);
      expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    }

    const before = sent().length;
    const res = await app.inject({
      method: "POST",
      url: "/webhooks/telegram",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      payload: JSON.stringify({
        update_id: 77_001,
        ...callbackUpdate(CHAT, buttons[4]?.callback_data as string),
      }),
    });
    expect(res.statusCode).toBe(200);
    await until(() => sent().length > before);
    expect(sent().at(-1)?.body.text).toBe("Cảm ơn bạn đã đánh giá.");
    const [stored] = await database.db.select().from(pakn).where(eq(pakn.id, row.id));
    expect(stored).toMatchObject({ rating: 5, status: "published" });
  });
  it("a chat that blocked the bot: the answer waits, and comes first when they unblock and write", async () => {
    const chat = 4343;
    const { published } = await publishedAnswer(chat, "tg-blocked-1", "Đã sửa đèn đường thôn 4.");
    telegram.failNext("sendMessage", {
      errorCode: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    const push = pushThrough([channel]);
    const eventId = published?.id as number;
    expect(await notifyCitizen({ db: database.db, push }, { eventId })).toBe("waiting");
    expect(await notifyCitizen({ db: database.db, push }, { eventId })).toBe("already_sent");

    const to = () => telegram.callsOf("sendMessage").filter((c) => c.body.chat_id === chat);
    const before = to().length;
    await app.inject({
      method: "POST",
      url: "/webhooks/telegram",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      payload: JSON.stringify({ update_id: 77_101, ...textUpdate(chat, "/start") }),
    });
    await until(() => to().length >= before + 3);
    const texts = to()
      .slice(before)
      .map((c) => String(c.body.text));
    expect(texts[0]).toBe(WAITING_UPDATES_LEAD);
    expect(texts[1]).toContain("Đã sửa đèn đường thôn 4.");
  });
});
