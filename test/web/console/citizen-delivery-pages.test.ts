import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveryAttempts, outbox } from "../../../db/schema.js";
import { createPakn, type PaknRow, transitionPakn } from "../../../feedback/pakn-repo.js";
import { QUEUES } from "../../../feedback/queue-names.js";
import { seedAttempt, seedNotification } from "../../helpers/citizen-deliveries.js";
import { getAs, postForm, type Session, withFlash } from "../../helpers/console-http.js";
import { DRIVERS } from "../../helpers/databases.js";
import { createTestOfficer, signInOfficer } from "../../helpers/officers.js";
import { confirmedPakn } from "../../helpers/pakn.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";
import { TEST_NOW } from "../../helpers/test-clock.js";

// Thursday 17 December 2026, 14:05 in Viet Nam.
const NOW = new Date("2026-12-17T07:05:00Z");
const later = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * 60_000);

describe.each(DRIVERS)("how the citizen was told, on the PAKN page (%s)", (driver) => {
  let t: TestSite;
  let mine: Session;
  let theirs: Session;
  let officerName: string;
  let item: PaknRow;
  let waiting: number;
  let sentByZns: number;

  beforeAll(async () => {
    t = await buildTestSite({
      driver,
      clock: NOW,
      site: { znsSteps: new Set(["received", "assigned", "returned", "published"]) },
    });
    const db = t.database.db;
    const a = await createTestOfficer(db, {
      role: "officer",
      agencyId: "so-xay-dung",
      name: "Phạm Minh Châu",
    });
    const b = await createTestOfficer(db, { role: "officer", agencyId: "so-tai-chinh" });
    officerName = a.officer.name;
    mine = await signInOfficer(t.app, { email: a.officer.email, password: a.password });
    theirs = await signInOfficer(t.app, { email: b.officer.email, password: b.password });
    item = (await createPakn(db, confirmedPakn("delivery-page-1", { channel: "zalo" }))).row;
    const go = (to: "classified" | "assigned", minutes: number, set: Partial<PaknRow>) =>
      transitionPakn(db, { paknId: item.id, to, actor: "system:test", at: later(minutes), set });
    const classified = await go("classified", 1, { field: "Giao thông" });
    const assigned = await go("assigned", 2, { agencyId: "so-xay-dung" });
    sentByZns = await seedNotification(db, {
      eventId: classified.event.id,
      status: "sent",
      route: "zns",
      toldAt: NOW,
    });
    waiting = await seedNotification(db, {
      eventId: assigned.event.id,
      status: "waiting",
      reason: "window_closed",
    });
    await seedAttempt(db, {
      notificationId: waiting,
      route: "zalo",
      outcome: "failed",
      reason: "window_closed",
      createdAt: later(3),
      finishedAt: later(3),
    });
  });
  afterAll(() => t.dispose());

  it("shows each step's outcome in Vietnamese, the warning, the tries and the resend buttons", async () => {
    const page = await getAs(t.app, mine, `/officer/pakn/${item.code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Người dân đã được báo thế nào");
    expect(page.body).toContain("Người dân chưa nhận được thông báo");
    expect(page.body).toContain("Đã gửi tin ZNS tới số điện thoại lúc 14:05 17/12/2026");
    expect(page.body).toContain("Đang chờ người dân liên hệ lại — Zalo: quá 7 ngày kể từ tin nhắn cuối");
    expect(page.body).toContain("Đã phân loại, đang chuyển cơ quan xử lý");
    expect(page.body).toContain("Đã chuyển đến cơ quan có thẩm quyền");
    expect(page.body).toContain("Zalo OA: không gửi được");
    expect(page.body).toContain("Gửi lại qua Zalo OA");
    expect(page.body).toContain("Gửi lại qua tin nhắn ZNS");
    expect(page.body).toContain(`action="/officer/pakn/${item.code}/gui-lai-thong-bao"`);
    expect(page.body).toContain(`name="notificationId" value="${waiting}"`);
    // A step already told and not the latest offers no resend: the buttons stay where they matter.
    expect(page.body).not.toContain(`name="notificationId" value="${sentByZns}"`);
    // The warning comes before the facts, where nobody misses it.
    expect(page.body.indexOf("Người dân chưa nhận được thông báo")).toBeLessThan(
      page.body.indexOf("Hạn trả lời"),
    );
    const inbox = await getAs(t.app, mine, "/officer");
    expect(inbox.body).toContain(item.code);
    expect(inbox.body).toContain('<span class="badge untold">Người dân chưa nhận được thông báo</span>');
  });

  it("records a resend, flashes the message, shows it as requested and refuses a second one", async () => {
    const res = await postForm(t.app, mine, `/officer/pakn/${item.code}/gui-lai-thong-bao`, {
      notificationId: String(waiting),
      route: "channel",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/officer/pakn/${item.code}`);
    const next = await getAs(t.app, withFlash(mine, res.headers["set-cookie"]), `/officer/pakn/${item.code}`);
    expect(next.body).toContain('role="status">Đã yêu cầu gửi lại; kết quả hiện ở mục thông báo.');
    expect(next.body).toContain(`Zalo OA: đã yêu cầu, chờ gửi · cán bộ ${officerName}`);
    const [attempt] = await t.database.db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.outcome, "requested"));
    expect(attempt).toMatchObject({ notificationId: waiting, route: "zalo", createdAt: NOW });
    const jobs = await t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.jobId, `resend-${attempt?.id}`));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ queue: QUEUES.notify, payload: { attemptId: attempt?.id } });
    const again = await postForm(t.app, mine, `/officer/pakn/${item.code}/gui-lai-thong-bao`, {
      notificationId: String(waiting),
      route: "zns",
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Thông báo này đang được gửi lại");
  });

  it("gives another agency's officer a 404 and bad input a polite 400 or 404, writing nothing", async () => {
    const db = t.database.db;
    const before = (await db.select().from(deliveryAttempts)).length;
    const url = `/officer/pakn/${item.code}/gui-lai-thong-bao`;
    const foreign = await postForm(t.app, theirs, url, {
      notificationId: String(sentByZns),
      route: "channel",
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain(item.code);
    const bad: Record<string, string>[] = [
      { notificationId: "abc", route: "channel" },
      { notificationId: String(sentByZns), route: "fax" },
      { notificationId: "99999999999999999999", route: "zns" },
      {},
    ];
    for (const fields of bad) {
      const res = await postForm(t.app, mine, url, fields);
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(res.body).toContain("Yêu cầu gửi lại chưa hợp lệ");
    }
    const unknown = await postForm(t.app, mine, url, { notificationId: "987654", route: "channel" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("Không tìm thấy thông báo này");
    const noItem = await postForm(t.app, mine, "/officer/pakn/PAKN.20261118.9999/gui-lai-thong-bao", {
      notificationId: String(sentByZns),
      route: "channel",
    });
    expect(noItem.statusCode).toBe(404);
    const noCsrf = await postForm(
      t.app,
      mine,
      url,
      { notificationId: String(sentByZns), route: "channel" },
      { csrf: false },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect((await db.select().from(deliveryAttempts)).length).toBe(before);
  });

  it("offers no ZNS resend when ZNS is not set up, and refuses one posted anyway", async () => {
    t.site.znsSteps = new Set();
    try {
      const page = await getAs(t.app, mine, `/officer/pakn/${item.code}`);
      expect(page.body).not.toContain("Gửi lại qua tin nhắn ZNS");
      const res = await postForm(t.app, mine, `/officer/pakn/${item.code}/gui-lai-thong-bao`, {
        notificationId: String(sentByZns),
        route: "zns",
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("Tin nhắn ZNS chưa được thiết lập");
    } finally {
      t.site.znsSteps = new Set(["received", "assigned", "returned", "published"]);
    }
  });
});
