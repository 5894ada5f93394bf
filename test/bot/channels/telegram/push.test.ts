import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../../../app/config.js";
import type { Channel } from "../../../../bot/channels/channel.js";
import { createTelegramChannel } from "../../../../bot/channels/telegram/index.js";
import { createTestDispatcher } from "../../../helpers/bot.js";
import { type FakeTelegram, startFakeTelegram } from "../../../helpers/fake-telegram.js";
import { silentLogger } from "../../../helpers/knowledge.js";
import { createTestRedis } from "../../../helpers/redis.js";

const TOKEN = "987654321:AApush-test-token-for-the-fake-bot-api";

describe("Telegram channel pushing a message nobody asked for", () => {
  const r = createTestRedis();
  let fake: FakeTelegram;
  let channel: Channel;

  beforeAll(async () => {
    fake = await startFakeTelegram(TOKEN);
    channel = createTelegramChannel({
      config: configSchema.parse({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot }),
      dispatcher: createTestDispatcher(r),
      logger: silentLogger,
      redis: r.redis,
      prefix: r.prefix,
    });
  });
  afterAll(async () => {
    await fake.close();
    await r.dispose();
  });

  it("sends a status notification to the chat, escaped for HTML", async () => {
    await channel.push?.("4242", [
      { text: "PAKN.20261122.0001: đã chuyển <Sở Xây dựng> & UBND", buttons: [] },
    ]);
    const sent = fake.callsOf("sendMessage").filter((c) => c.body.chat_id === 4242);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.text).toBe("PAKN.20261122.0001: đã chuyển &lt;Sở Xây dựng&gt; &amp; UBND");
  });
});
