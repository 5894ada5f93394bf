import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../app/config.js";
import type { Channel } from "../../bot/channels/channel.js";
import { createZaloBotChannel } from "../../bot/channels/zalo-bot/index.js";
import type { Database } from "../../db/client.js";
import { notifyCitizen, type PushMessage } from "../../feedback/notify-citizen.js";
import { createPakn, transitionPakn } from "../../feedback/pakn-repo.js";
import { loadAgencies } from "../../feedback/routing/agencies.js";
import { type FakeZaloBot, startFakeZaloBot } from "../../scripts/lib/fake-zalo-bot-api.js";
import { createTestDispatcher } from "../helpers/bot.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { silentLogger } from "../helpers/knowledge.js";
import { confirmedPakn } from "../helpers/pakn.js";
import { createTestRedis } from "../helpers/redis.js";

const TOKEN = "12345:notify-test-token";

describe.each(DRIVERS)("telling the citizen about a status change on %s", (driver) => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let fake: FakeZaloBot;
  let channel: Channel;
  let push: PushMessage;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    fake = await startFakeZaloBot(TOKEN);
    channel = createZaloBotChannel(
      {
        config: loadConfig({
          ZALO_BOT_TOKEN: TOKEN,
          ZALO_BOT_WEBHOOK_SECRET: "notify-secret-123",
          ZALO_BOT_API_ROOT: fake.apiRoot,
        }),
        dispatcher: createTestDispatcher(r),
        logger: silentLogger,
        redis: r.redis,
      },
      { prefix: r.prefix },
    );
    push = async (name, conversation, replies) => {
      if (name !== channel.name || !channel.push) return false;
      await channel.push(conversation, replies);
      return true;
    };
  });
  afterAll(async () => {
    await fake.close();
    await dispose();
    await r.dispose();
  });

  const submitted = (id: string, channelName: string) =>
    createPakn(
      database.db,
      confirmedPakn(id, {
        channel: channelName,
        channelUser: "chat-9",
        conversation: "chat-9",
        answerDueAt: new Date("2026-12-07T16:59:59Z"),
      }),
    );

  it("sends one Vietnamese message with the code and the agency, once however often the job runs", async () => {
    const { row } = await submitted("n-1", "zalo-bot");
    const { event } = await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system:router",
      set: { agencyId: "ubnd-xa" },
    });
    const deps = { db: database.db, push, agencies: loadAgencies() };
    expect(await notifyCitizen(deps, { eventId: event.id })).toBe("sent");
    expect(await notifyCitizen(deps, { eventId: event.id })).toBe("already_sent");
    const texts = fake.sentTexts("chat-9");
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(row.code);
    expect(texts[0]).toContain("Cơ quan xử lý: UBND cấp xã");
    expect(texts[0]).toContain("07/12/2026");
  });

  it("records a citizen it cannot reach unprompted (the web chat) instead of retrying", async () => {
    const { row } = await submitted("n-2", "web");
    const { event } = await transitionPakn(database.db, {
      paknId: row.id,
      to: "rejected",
      actor: "officer:1",
      note: "Nội dung không thuộc thẩm quyền",
    });
    expect(await notifyCitizen({ db: database.db, push }, { eventId: event.id })).toBe("unreachable");
    expect(await notifyCitizen({ db: database.db, push }, { eventId: event.id })).toBe("already_sent");
  });
  it("keeps the office's drafting steps to itself and tells the citizen of the published answer", async () => {
    const { row } = await submitted("n-3", "zalo-bot");
    const deps = { db: database.db, push };
    const step = async (to: "assigned" | "answered" | "approved" | "published", set = {}) => {
      const { event } = await transitionPakn(database.db, { paknId: row.id, to, actor: "officer:1", set });
      return notifyCitizen(deps, { eventId: event.id });
    };
    const before = fake.sentTexts("chat-9").length;
    expect(await step("assigned", { agencyId: "ubnd-xa" })).toBe("sent");
    expect(await step("answered", { answer: "Xã đã cho nạo vét cống thoát nước." })).toBe("skipped");
    expect(await step("approved")).toBe("skipped");
    expect(await step("published")).toBe("sent");
    const texts = fake.sentTexts("chat-9").slice(before);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain("Xã đã cho nạo vét cống thoát nước.");
    expect(texts.join("\n")).not.toContain("dự thảo");
  });
});
