import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../app/config.js";
import { pushThrough } from "../../app/worker-role.js";
import type { Channel } from "../../bot/channels/channel.js";
import { createConfiguredZns } from "../../bot/channels/zalo-oa/zns-sender.js";
import { rowsOf } from "../../db/migrate.js";
import { requestResend } from "../../feedback/citizen-delivery/request-resend.js";
import { runResend } from "../../feedback/citizen-delivery/run-resend.js";
import { WAITING_UPDATES_LEAD } from "../../feedback/citizen-delivery/take-waiting.js";
import type { ZnsSender } from "../../feedback/citizen-delivery/zns-message.js";
import type { FeedbackService } from "../../feedback/feedback-service.js";
import { notifyCitizen } from "../../feedback/notify-citizen.js";
import { createPakn, transitionPakn } from "../../feedback/pakn-repo.js";
import { loadAgencies } from "../../feedback/routing/agencies.js";
import {
  APP_ID,
  APP_SECRET,
  createZaloHarness,
  OA_SECRET,
  postEvent,
  type ZaloHarness,
  zaloEvent,
} from "../bot/channels/zalo-oa/zalo-oa-harness.js";
import { testFeedbackService } from "../helpers/bot.js";
import { DRIVERS } from "../helpers/databases.js";
import { confirmedPakn } from "../helpers/pakn.js";
import { TEST_NOW } from "../helpers/test-clock.js";

const DAY = 24 * 60 * 60 * 1000;
const PHONE = "0912 345 678";
const ZNS_PHONE = "84912345678";
const TEMPLATES = {
  received: { template_id: "2001", params: { ma_phan_anh: "code", ngay_nhan: "receivedDate" } },
  returned: { template_id: "2002", params: { ma_phan_anh: "code", noi_dung: "note" } },
  published: { template_id: "2003", params: { ma_phan_anh: "code", co_quan: "agency", ho_ten: "name" } },
  rating: { template_id: "2004", params: { ma_phan_anh: "code" } },
};

describe.each(DRIVERS)("telling a Zalo citizen of an answer weeks later on %s", (driver) => {
  let h: ZaloHarness;
  let channel: Channel;
  let zns: ZnsSender;
  let feedback: FeedbackService;
  const lines: string[] = [];
  const agencies = loadAgencies();
  let clock = TEST_NOW.getTime();
  const now = () => new Date(clock);

  beforeAll(async () => {
    h = await createZaloHarness(driver);
    for (const t of Object.values(TEMPLATES)) h.fake.approveTemplate(t.template_id, Object.keys(t.params));
    h.fake.clock = () => clock;
    feedback = testFeedbackService(h.database.db);
    ({ channel } = await h.process({}, { feedback }));
    const config = configSchema.parse({
      ZALO_APP_ID: APP_ID,
      ZALO_APP_SECRET: APP_SECRET,
      ZALO_OA_SECRET_KEY: OA_SECRET,
      ZALO_ACCESS_TOKEN: h.pair.accessToken,
      ZALO_REFRESH_TOKEN: h.pair.refreshToken,
      ZALO_API_ROOT: h.fake.url,
      ZALO_OAUTH_ROOT: h.fake.url,
      ZALO_ZNS_API_ROOT: h.fake.url,
      ZALO_ZNS_TEMPLATES: JSON.stringify(TEMPLATES),
    });
    const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(line) });
    zns = createConfiguredZns({ config, db: h.database.db, logger }) as ZnsSender;
  });
  afterAll(() => h.dispose());

  const deps = () => ({ db: h.database.db, push: pushThrough([channel]), zns, agencies, now });

  /** A PAKN filed on Zalo by `user` at TEST_NOW, answered and published `days` later. */
  async function answeredAfter(user: string, days: number, phone = PHONE) {
    clock = TEST_NOW.getTime();
    h.fake.interacted(user, clock);
    const { row } = await createPakn(
      h.database.db,
      confirmedPakn(`zns-${user}`, {
        channel: "zalo",
        channelUser: user,
        conversation: user,
        contact: { name: "Trần Thị Bình", phone, address: "Thôn 2, xã Hòa Tiến" },
      }),
    );
    const move = (to: "assigned" | "in_progress" | "answered" | "approved" | "published", set = {}) =>
      transitionPakn(h.database.db, { paknId: row.id, to, actor: "officer:1", set });
    await move("assigned", { agencyId: "ubnd-xa" });
    await move("in_progress");
    await move("answered", { answer: "Xã đã cho nạo vét cống thoát nước trên đường liên thôn." });
    await move("approved");
    clock += days * DAY;
    const { event } = await move("published");
    return { row, event };
  }

  const notification = async (eventId: number) => {
    const [row] = rowsOf<{
      id: number;
      status: string;
      route: string | null;
      reason: string | null;
      told_at: unknown;
    }>(
      await h.database.db.execute(
        sql`SELECT id, status, route, reason, told_at FROM notifications WHERE event_id = ${eventId} AND audience = 'citizen'`,
      ),
    );
    return row && { ...row, id: Number(row.id) };
  };
  const attempts = async (notificationId: number) =>
    rowsOf<{ route: string; outcome: string; reason: string | null }>(
      await h.database.db.execute(
        sql`SELECT route, outcome, reason FROM delivery_attempts WHERE notification_id = ${notificationId} ORDER BY id`,
      ),
    );

  it("answered 10 days later: Zalo's window is closed, ZNS tells them once, and a retried job sends nothing", async () => {
    const { row, event } = await answeredAfter("u-late", 10);
    expect(await notifyCitizen(deps(), { eventId: event.id })).toBe("sent");
    expect(await notifyCitizen(deps(), { eventId: event.id })).toBe("already_sent");
    const told = await notification(event.id);
    expect(told).toMatchObject({ status: "sent", route: "zns" });
    expect(new Date(told?.told_at as string).getTime()).toBe(clock);
    const sent = h.fake.znsDeliveredTo(ZNS_PHONE).filter((c) => c.data.ma_phan_anh === row.code);
    expect(sent.map((c) => c.templateId)).toEqual(["2003", "2004"]);
    expect(sent[0]?.data).toEqual({ ma_phan_anh: row.code, co_quan: "UBND cấp xã", ho_ten: "Trần Thị Bình" });
    expect(sent[0]?.trackingId).toBe(`n${told?.id}`);
    expect(h.fake.deliveredTo("u-late")).toHaveLength(0);
    expect(await attempts(told?.id as number)).toEqual([
      { route: "zalo", outcome: "failed", reason: "window_closed" },
      { route: "zns-rating", outcome: "sent", reason: null },
      { route: "zns", outcome: "sent", reason: null },
    ]);
  });

  it("answered within the window: the Zalo message as before, no ZNS", async () => {
    const { row, event } = await answeredAfter("u-soon", 3);
    expect(await notifyCitizen(deps(), { eventId: event.id })).toBe("sent");
    expect(await notification(event.id)).toMatchObject({ status: "sent", route: "zalo" });
    expect(h.fake.deliveredTo("u-soon")[0]?.text).toContain(row.code);
    expect(h.fake.znsCalls.filter((c) => c.data.ma_phan_anh === row.code)).toHaveLength(0);
  });

  it("a ZNS failure then a success is still one message", async () => {
    const { row, event } = await answeredAfter("u-flaky", 10, "0987 000 111");
    h.fake.failZnsHttp(1);
    expect(await notifyCitizen(deps(), { eventId: event.id })).toBe("sent");
    const delivered = h.fake.znsDeliveredTo("84987000111").filter((c) => c.templateId === "2003");
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.data.ma_phan_anh).toBe(row.code);
  });

  it.each([
    ["not on Zalo", "0977 000 222", (phone: string) => h.fake.refusePhone(phone, -118), "zns_not_on_zalo"],
    ["a landline", "024 3825 1234", () => undefined, "zns_invalid_phone"],
    [
      "out of quota",
      "0966 000 333",
      () => {
        h.fake.znsQuota = 0;
      },
      "zns_quota",
    ],
  ])(
    "ZNS refuses (%s): it waits for their next message, with the reason for the console",
    async (_, phone, refuse, reason) => {
      refuse(`84${phone.replace(/\D/g, "").slice(1)}`);
      const { event } = await answeredAfter(`u-${reason}`, 10, phone);
      expect(await notifyCitizen(deps(), { eventId: event.id })).toBe("waiting");
      expect(await notification(event.id)).toMatchObject({ status: "waiting", reason });
      h.fake.znsQuota = 1_000;
    },
  );

  it("with ZNS unavailable, the citizen's next message first gets the update, once", async () => {
    const { row, event } = await answeredAfter("u-back", 10, "0909 111 222");
    h.fake.failZnsHttp(10);
    expect(await notifyCitizen(deps(), { eventId: event.id })).toBe("waiting");
    h.fake.failZnsHttp(0);
    expect(await notification(event.id)).toMatchObject({ status: "waiting", reason: "zns_unavailable" });

    // Weeks later they write again: the window reopens and the update comes first.
    clock += 20 * DAY;
    h.fake.interacted("u-back", clock);
    const before = h.fake.deliveredTo("u-back").length;
    const { app } = await h.process({}, { feedback });
    const res = await postEvent(
      app,
      zaloEvent("user_send_text", "u-back", { text: "cho hỏi thủ tục làm căn cước" }),
    );
    expect(res.statusCode).toBe(200);
    await h.fake.waitFor(() => h.fake.deliveredTo("u-back").length >= before + 3);
    const texts = h.fake
      .deliveredTo("u-back")
      .slice(before)
      .map((c) => c.text);
    expect(texts[0]).toBe(WAITING_UPDATES_LEAD);
    expect(texts[1]).toContain(row.code);
    expect(texts[1]).toContain("nạo vét cống");
    expect(await notification(event.id)).toMatchObject({ status: "sent", route: "next_contact" });

    const again = h.fake.deliveredTo("u-back").length;
    await postEvent(app, zaloEvent("user_send_text", "u-back", { text: "cảm ơn" }));
    await h.fake.waitFor(() => h.fake.deliveredTo("u-back").length > again);
    const later = h.fake
      .deliveredTo("u-back")
      .slice(again)
      .map((c) => c.text);
    expect(later.join("\n")).not.toContain(row.code);
  });

  it("an officer sends a waiting answer again by ZNS once it works: told, and the retried job sends nothing", async () => {
    const { row, event } = await answeredAfter("u-resend", 10, "0903 222 333");
    h.fake.failZnsHttp(10);
    expect(await notifyCitizen(deps(), { eventId: event.id })).toBe("waiting");
    h.fake.failZnsHttp(0);
    const waiting = await notification(event.id);
    const { attemptId } = await requestResend(
      { db: h.database.db, now },
      { paknId: row.id, notificationId: waiting?.id as number, route: "zns", officerId: 1 },
    );
    expect(await runResend(deps(), { attemptId })).toBe("sent");
    expect(await runResend(deps(), { attemptId })).toBe("done");
    expect(await notification(event.id)).toMatchObject({ status: "sent", route: "zns" });
    const resent = h.fake.znsDeliveredTo("84903222333");
    expect(resent.map((c) => c.trackingId)).toEqual([`r${attemptId}`]);
  });

  it("a PAKN filed through Open311 has its receipt sent by ZNS with the tracking code", async () => {
    clock = TEST_NOW.getTime();
    const { row } = await createPakn(
      h.database.db,
      confirmedPakn("open311-zns", {
        channel: "open311",
        channelUser: "key-1",
        conversation: "key-1",
        contact: { name: "Lê Văn Cường", phone: "0911 555 666", address: "Thôn 1" },
        notifyReceipt: true,
      }),
    );
    const [receipt] = rowsOf<{ job_id: string }>(
      await h.database.db.execute(
        sql`SELECT o.job_id FROM outbox o JOIN pakn_events e ON o.job_id = 'notify-' || e.id WHERE e.pakn_id = ${row.id}`,
      ),
    );
    const eventId = Number(receipt?.job_id.replace("notify-", ""));
    expect(await notifyCitizen(deps(), { eventId })).toBe("sent");
    const [sent] = h.fake.znsDeliveredTo("84911555666");
    expect(sent?.templateId).toBe("2001");
    expect(sent?.data).toEqual({ ma_phan_anh: row.code, ngay_nhan: "18/11/2026" });
  });

  it("an Open311 sender whose phone has no Zalo is recorded as unreachable, not left waiting for a chat", async () => {
    h.fake.refusePhone("84911777888", -118);
    const { row } = await createPakn(
      h.database.db,
      confirmedPakn("open311-no-zalo", {
        channel: "open311",
        channelUser: "key-1",
        conversation: "key-1",
        contact: { name: "Lê Văn Dũng", phone: "0911 777 888", address: "Thôn 1" },
        notifyReceipt: true,
      }),
    );
    const [event] = rowsOf<{ id: number }>(
      await h.database.db.execute(sql`SELECT id FROM pakn_events WHERE pakn_id = ${row.id}`),
    );
    expect(await notifyCitizen(deps(), { eventId: Number(event?.id) })).toBe("unreachable");
    expect(await notification(Number(event?.id))).toMatchObject({
      status: "unreachable",
      reason: "zns_not_on_zalo",
    });
  });

  it("never logs a phone number or a token", () => {
    const all = lines.join("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of ["912345678", "987000111", "909111222", h.pair.accessToken, h.pair.refreshToken])
      expect(all).not.toContain(secret);
  });
});
