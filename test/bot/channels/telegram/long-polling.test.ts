import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../../../app/config.js";
import type { Channel } from "../../../../bot/channels/channel.js";
import { createTelegramChannel } from "../../../../bot/channels/telegram/index.js";
import { createTestDispatcher } from "../../../helpers/bot.js";
import {
  callbackUpdate,
  type FakeTelegram,
  startFakeTelegram,
  textUpdate,
} from "../../../helpers/fake-telegram.js";
import { silentLogger } from "../../../helpers/knowledge.js";
import { createTestRedis } from "../../../helpers/redis.js";

const TOKEN = "555000111:AAtest-token-for-the-fake-bot-api-0003";

describe("Telegram channel with long polling", () => {
  const r = createTestRedis();
  let fake: FakeTelegram;
  let channel: Channel;

  beforeAll(async () => {
    fake = await startFakeTelegram(TOKEN);
    const config = configSchema.parse({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
    channel = createTelegramChannel({
      config,
      dispatcher: createTestDispatcher(r),
      logger: silentLogger,
      redis: r.redis,
      prefix: r.prefix,
    });
    // No web routes in this mode.
    const routes: string[] = [];
    await channel.routes?.({ post: (path: string) => routes.push(path) } as never);
    expect(routes).toEqual([]);
    await channel.start?.();
  });
  afterAll(async () => {
    await channel.stop?.();
    await fake.close();
    await r.dispose();
  });

  const sentTo = (chatId: number) => fake.callsOf("sendMessage").filter((c) => c.body.chat_id === chatId);

  it("clears any webhook, registers the commands and polls for message and button updates", async () => {
    expect(fake.callsOf("deleteWebhook")).toHaveLength(1);
    expect(fake.callsOf("setMyCommands")).toHaveLength(1);
    const poll = (await fake.waitFor("getUpdates"))[0];
    expect(poll?.body.allowed_updates).toEqual(["message", "callback_query"]);
    expect(poll?.body.timeout).toBeGreaterThan(0);
  });

  it("answers updates from the getUpdates queue in each chat's order, buttons included", async () => {
    const chat = 301;
    fake.push(textUpdate(chat, "đăng ký khai sinh cần giấy tờ gì"));
    // A follow-up that only makes sense after the first question was handled.
    fake.push(textUpdate(chat, "lệ phí bao nhiêu"));
    fake.push(textUpdate(302, "/start"));
    await fake.waitFor("sendMessage", 3);
    const deadline = Date.now() + 10_000;
    while (sentTo(chat).length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const [answer, followUp] = sentTo(chat).map((c) => String(c.body.text));
    expect(answer).toContain("HỒ SƠ CẦN NỘP");
    expect(followUp).toContain("1.001193");
    expect(followUp).toContain("LỆ PHÍ");
    expect(sentTo(302)[0]?.body.text).toContain("Xin chào");

    const press = callbackUpdate(chat, "p:field|1.001193|time");
    fake.push(press);
    await fake.waitFor("answerCallbackQuery");
    while (sentTo(chat).length < 3 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(String(sentTo(chat)[2]?.body.text)).toContain("1.001193");
  });

  it("stops polling promptly on stop()", async () => {
    const started = Date.now();
    await channel.stop?.();
    expect(Date.now() - started).toBeLessThan(3_000);
    const polls = fake.callsOf("getUpdates").length;
    fake.push(textUpdate(303, "/start"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.callsOf("getUpdates")).toHaveLength(polls);
    expect(sentTo(303)).toHaveLength(0);
  });
});
