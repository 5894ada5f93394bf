import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../app/config.js";
import type { Channel } from "../../bot/channels/channel.js";
import { createTelegramChannel } from "../../bot/channels/telegram/index.js";
import type { Database } from "../../db/client.js";
import { reminderDeliveries } from "../../db/schema.js";
import { scanDeadlines } from "../../feedback/deadline-scan.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import type { OfficerAlertDeps } from "../../feedback/notify-agency.js";
import type { PushMessage } from "../../feedback/notify-citizen.js";
import { createPakn, transitionPakn } from "../../feedback/pakn-repo.js";
import { loadAgencies } from "../../feedback/routing/agencies.js";
import { sendReminder } from "../../feedback/send-reminder.js";
import { relayOutbox } from "../../workers/outbox-relay.js";
import {
  closeQueues,
  createQueueConnection,
  createQueues,
  type PipelineQueues,
} from "../../workers/queues.js";
import { startRemindWorker } from "../../workers/remind-worker.js";
import { createSendSlots } from "../../workers/send-slots.js";
import { throttledPush } from "../../workers/throttled-push.js";
import { createTestDispatcher } from "../helpers/bot.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { type FakeTelegram, startFakeTelegram } from "../helpers/fake-telegram.js";
import { silentLogger } from "../helpers/knowledge.js";
import { confirmedPakn } from "../helpers/pakn.js";
import { createTestRedis, TEST_REDIS_URL } from "../helpers/redis.js";

const TOKEN = "555000111:AAremind-test-token-for-the-fake-bot-api";
const AGENCY_CHAT = -100123;
const COORDINATOR_CHAT = -100999;
const at = (iso: string) => new Date(iso);

const sentTo = (fake: FakeTelegram, chat: number) =>
  fake.callsOf("sendMessage").filter((c) => c.body.chat_id === chat);

describe.each(DRIVERS)("deadline reminders and escalation on %s", (driver) => {
  const r = createTestRedis();
  const prefix = r.prefix.slice(0, -1);
  let database: Database;
  let dispose: () => Promise<void>;
  let fake: FakeTelegram;
  let channel: Channel;
  let connection: Redis;
  let queues: PipelineQueues;
  let worker: Worker;
  let deps: OfficerAlertDeps;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    fake = await startFakeTelegram(TOKEN);
    channel = createTelegramChannel({
      config: configSchema.parse({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot }),
      dispatcher: createTestDispatcher(r),
      logger: silentLogger,
      redis: r.redis,
      prefix: r.prefix,
    });
    const push: PushMessage = async (name, conversation, replies) => {
      if (name !== "telegram" || !channel.push) return false;
      await channel.push(conversation, replies);
      return true;
    };
    connection = createQueueConnection(TEST_REDIS_URL);
    queues = createQueues(connection, { prefix });
    deps = {
      db: database.db,
      push: throttledPush(push, createSendSlots(r.redis, { prefix: r.prefix, maxWaitMs: 1_500 })),
      chats: { agencies: { "so-xay-dung": String(AGENCY_CHAT) }, coordinator: String(COORDINATOR_CHAT) },
      agencies: loadAgencies(),
    };
    worker = startRemindWorker({ ...deps, connection, logger: silentLogger, prefix });
  });
  afterAll(async () => {
    await worker.close();
    await closeQueues(queues);
    await connection.quit();
    await fake.close();
    await dispose();
    await r.dispose();
  });

  it("reminds the agency at 50%, 80% and the due day, escalates to the coordinator when overdue, once each", async () => {
    const receivedAt = at("2026-11-02T09:00:00+07:00");
    const { row } = await createPakn(
      database.db,
      confirmedPakn("remind-1", {
        content: "Công trình xây dựng trái phép lấn chiếm vỉa hè đường Lê Lợi, gọi tôi 0912 345 678 nếu cần.",
        contact: { name: "Trần Thị Bích", phone: "0987654321", address: "Số 12 Lê Lợi" },
        receivedAt,
        consentAt: receivedAt,
        forwardDueAt: receivedAt,
        answerDueAt: receivedAt,
      }),
    );
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system:router",
      set: { agencyId: "so-xay-dung" },
    });
    const scan = await scanDeadlines({
      db: database.db,
      calendar: loadWorkingCalendar(),
      now: () => at("2026-11-20T10:00:00+07:00"),
    });
    expect(scan.reminders).toBe(4);
    await relayOutbox({ db: database.db, queues });
    // One message a second per chat: four reminders take three seconds or more.
    const agencyCalls = await fake.waitFor("sendMessage", 5, 20_000).then(() => sentTo(fake, AGENCY_CHAT));
    expect(agencyCalls).toHaveLength(4);
    const gaps = agencyCalls.slice(1).map((c, i) => c.at - (agencyCalls[i]?.at ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
    const texts = agencyCalls.map((c) => String(c.body.text));
    expect(texts.map((t) => t.split("\n")[0])).toEqual(
      expect.arrayContaining([
        "Nhắc hạn: PAKN đã dùng một nửa thời hạn trả lời.",
        "Nhắc hạn: PAKN đã dùng 80% thời hạn trả lời.",
        "Đến hạn: hôm nay là hạn cuối trả lời PAKN.",
        "Quá hạn: PAKN đã quá hạn trả lời, đề nghị xử lý ngay.",
      ]),
    );
    for (const text of texts) {
      expect(text).toContain(`Mã: ${row.code}`);
      expect(text).toContain("Loại: Phản ánh");
      expect(text).toContain("Cơ quan xử lý: Sở Xây dựng");
      expect(text).toContain("Trạng thái: Đã chuyển đến cơ quan có thẩm quyền");
      expect(text).toContain("Hạn trả lời: 16/11/2026");
      expect(text).toContain("Nội dung: Công trình xây dựng trái phép lấn chiếm vỉa hè");
      for (const personal of ["Trần Thị Bích", "0987654321", "Số 12 Lê Lợi", "0912 345 678"])
        expect(text).not.toContain(personal);
    }
    const escalations = sentTo(fake, COORDINATOR_CHAT);
    expect(escalations).toHaveLength(1);
    expect(String(escalations[0]?.body.text)).toMatch(/^Cảnh báo quá hạn: PAKN đã quá hạn trả lời/);
    // Once every delivery is recorded, a redelivered job (or the reminder sent again by hand) sends nothing more.
    for (let i = 0; i < 100; i++) {
      const done = await database.db.select().from(reminderDeliveries);
      if (done.filter((d) => d.status === "sent").length === 5) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await sendReminder(deps, { paknId: row.id, point: "overdue" })).toEqual({
      agency: "already_sent",
      coordinator: "already_sent",
    });
    const jobId = `again-remind-${row.id}`;
    await queues["pakn-remind"].add("pakn-remind", { paknId: row.id, point: "half" }, { jobId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await queues["pakn-remind"].getJobState(jobId)).toBe("completed");
    expect(fake.callsOf("sendMessage")).toHaveLength(5);
    const rows = await database.db.select().from(reminderDeliveries);
    expect(rows.filter((d) => d.status === "sent")).toHaveLength(5);
  });

  it("tells the coordinator when no agency is assigned yet, and nobody once the PAKN is answered", async () => {
    const receivedAt = at("2026-11-02T09:00:00+07:00");
    const waiting = await createPakn(
      database.db,
      confirmedPakn("remind-2", {
        receivedAt,
        consentAt: receivedAt,
        forwardDueAt: receivedAt,
        answerDueAt: receivedAt,
      }),
    );
    const answered = await createPakn(
      database.db,
      confirmedPakn("remind-3", {
        receivedAt,
        consentAt: receivedAt,
        forwardDueAt: receivedAt,
        answerDueAt: receivedAt,
      }),
    );
    await scanDeadlines({
      db: database.db,
      calendar: loadWorkingCalendar(),
      now: () => at("2026-11-11T10:00:00+07:00"),
    });
    for (const step of ["assigned", "answered"] as const)
      await transitionPakn(database.db, {
        paknId: answered.row.id,
        to: step,
        actor: "officer:1",
        set: step === "assigned" ? { agencyId: "ubnd-xa" } : { answer: "Đã xử lý.", answeredAt: new Date() },
      });
    const before = fake.callsOf("sendMessage").length;
    expect(await sendReminder(deps, { paknId: answered.row.id, point: "half" })).toBe("closed");
    const sent = await sendReminder(deps, { paknId: waiting.row.id, point: "half" }).catch(async (err) => {
      // The coordinator chat may still be inside its one-second spacing from the escalation above.
      await new Promise((resolve) => setTimeout(resolve, 1_600));
      if (err?.name !== "SendLater") throw err;
      return sendReminder(deps, { paknId: waiting.row.id, point: "half" });
    });
    expect(sent).toEqual({ agency: "sent" });
    const calls = fake.callsOf("sendMessage").slice(before);
    expect(calls.map((c) => c.body.chat_id)).toEqual([COORDINATOR_CHAT]);
    expect(String(calls[0]?.body.text)).toContain("Trạng thái: Đã tiếp nhận");
    expect(await sendReminder(deps, { paknId: 999_999, point: "due" })).toBe("missing");
  });
});
