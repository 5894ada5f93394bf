import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, outbox, pakn } from "../../../db/schema.js";
import { paknHistory } from "../../../feedback/pakn-repo.js";
import { endOfLocalDay } from "../../../feedback/working-calendar.js";
import { getAs, postForm, type Session, withFlash } from "../../helpers/console-http.js";
import { seedPakn } from "../../helpers/console-work.js";
import { createTestOfficer, signInOfficer } from "../../helpers/officers.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

// Tuesday 10 March 2026, 10:00 in Viet Nam.
const NOW = new Date("2026-03-10T03:00:00Z");

describe("officer console pages", () => {
  let t: TestSite;
  let officer: Session;
  let leader: Session;
  let coordinator: Session;
  let officerId: number;

  beforeAll(async () => {
    t = await buildTestSite({ clock: NOW });
    const db = t.database.db;
    const o = await createTestOfficer(db, { role: "officer", agencyId: "so-xay-dung", name: "Lê Văn Cán" });
    const l = await createTestOfficer(db, { role: "leader", agencyId: "so-xay-dung" });
    const c = await createTestOfficer(db, { role: "coordinator" });
    officerId = o.officer.id;
    officer = await signInOfficer(t.app, { email: o.officer.email, password: o.password });
    leader = await signInOfficer(t.app, { email: l.officer.email, password: l.password });
    coordinator = await signInOfficer(t.app, { email: c.officer.email, password: c.password });
  });
  afterAll(() => t.dispose());

  it("lists the inbox by deadline with worded badges, counts, filters and a search without diacritics", async () => {
    const db = t.database.db;
    const later = await seedPakn(db, {
      content: "Đường liên thôn bị ngập sâu.",
      answerDueAt: endOfLocalDay("2026-03-25"),
    });
    const overdue = await seedPakn(db, {
      content: "Cầu dân sinh bị sập.",
      answerDueAt: endOfLocalDay("2026-03-09"),
    });
    const soon = await seedPakn(db, { content: "Đèn đường hỏng.", answerDueAt: endOfLocalDay("2026-03-11") });
    const other = await seedPakn(db, {
      agencyId: "so-tai-chinh",
      content: "Phí chợ.",
      answerDueAt: endOfLocalDay("2026-03-01"),
    });
    const page = await getAs(t.app, officer, "/officer");
    expect(page.statusCode).toBe(200);
    const at = (code: string) => page.body.indexOf(code);
    expect(at(overdue.code)).toBeGreaterThan(0);
    expect(at(overdue.code)).toBeLessThan(at(soon.code));
    expect(at(soon.code)).toBeLessThan(at(later.code));
    expect(page.body).not.toContain(other.code);
    expect(page.body).toContain("1 quá hạn</a>");
    expect(page.body).toContain("1 sắp đến hạn</a>");
    expect(page.body).toMatch(/<span class="badge overdue">Quá hạn<\/span>/);
    expect(page.body).toMatch(/<span class="badge due-soon">Sắp đến hạn<\/span>/);
    expect(page.body).toContain('href="/officer/xuat.csv"');
    const search = await getAs(t.app, officer, "/officer?q=duong+lien+thon+ngap");
    expect(search.body).toContain(later.code);
    expect(search.body).not.toContain(overdue.code);
    expect(search.body).toContain('href="/officer/xuat.csv?q=duong+lien+thon+ngap"');
    const marked = await getAs(t.app, officer, "/officer?mark=overdue");
    expect(marked.body).toContain(overdue.code);
    expect(marked.body).not.toContain(later.code);
    const all = await getAs(t.app, coordinator, "/officer?agency=so-tai-chinh");
    expect(all.body).toContain(other.code);
    expect(all.body).not.toContain(later.code);
  });

  it("does an action, redirects with a message shown once, records the event and the audit row", async () => {
    const item = await seedPakn(t.database.db);
    const res = await postForm(t.app, officer, `/officer/pakn/${item.code}/bat-dau`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/officer/pakn/${item.code}`);
    const next = await getAs(
      t.app,
      withFlash(officer, res.headers["set-cookie"]),
      `/officer/pakn/${item.code}`,
    );
    expect(next.body).toContain('role="status">Đã chuyển sang trạng thái đang xử lý.');
    expect(next.body).toContain("Lê Văn Cán");
    expect((await paknHistory(t.database.db, item.id)).at(-1)).toMatchObject({
      toStatus: "in_progress",
      actor: `officer:${officerId}`,
    });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, item.code), eq(auditLog.action, "pakn.start")));
    expect(audits).toHaveLength(1);
  });

  it("shows only the allowed forms and refuses the rest with a Vietnamese error on the page", async () => {
    const item = await seedPakn(t.database.db, { status: "answered" });
    const page = await getAs(t.app, officer, `/officer/pakn/${item.code}`);
    expect(page.body).not.toContain(`/officer/pakn/${item.code}/duyet"`);
    expect(page.body).not.toContain(`/officer/pakn/${item.code}/tra-loi"`);
    expect(page.body).toContain(`/officer/pakn/${item.code}/ghi-chu"`);
    const approve = await postForm(t.app, officer, `/officer/pakn/${item.code}/duyet`);
    expect(approve.statusCode).toBe(403);
    expect(approve.headers["content-type"]).toContain("text/html");
    expect(approve.body).toContain("không có quyền thực hiện thao tác “Duyệt trả lời”");
    const start = await postForm(t.app, leader, `/officer/pakn/${item.code}/bat-dau`);
    expect(start.statusCode).toBe(409);
    expect(start.body).toContain("Không thể thực hiện “Bắt đầu xử lý” khi phản ánh đang ở trạng thái");
    const [row] = await t.database.db.select().from(pakn).where(eq(pakn.id, item.id));
    expect(row?.status).toBe("answered");
    expect((await getAs(t.app, leader, `/officer/pakn/${item.code}`)).body).toContain(
      `/officer/pakn/${item.code}/duyet"`,
    );
  });

  it("keeps what the officer typed when a form is refused", async () => {
    const item = await seedPakn(t.database.db, { status: "in_progress" });
    const res = await postForm(t.app, officer, `/officer/pakn/${item.code}/tra-loi`, { answer: "Đã xử lý" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("ít nhất 20 ký tự");
    expect(res.body).toMatch(/<textarea id="answer"[^>]*>Đã xử lý<\/textarea>/);
  });

  it("sends the officer's question to the citizen and pauses the clock", async () => {
    const item = await seedPakn(t.database.db, { status: "in_progress" });
    const res = await postForm(t.app, officer, `/officer/pakn/${item.code}/yeu-cau-bo-sung`, {
      question: "Anh/chị gửi giúp ảnh chụp đoạn đường bị ngập?",
    });
    expect(res.statusCode).toBe(303);
    const event = (await paknHistory(t.database.db, item.id)).at(-1);
    expect(event).toMatchObject({
      toStatus: "returned",
      note: "Anh/chị gửi giúp ảnh chụp đoạn đường bị ngập?",
    });
    expect(
      await t.database.db
        .select()
        .from(outbox)
        .where(eq(outbox.jobId, `notify-${event?.id}`)),
    ).toHaveLength(1);
    const page = await getAs(t.app, officer, `/officer/pakn/${item.code}`);
    expect(page.body).toContain("Tạm dừng (chờ người dân)");
    expect(page.body).toContain(`/officer/pakn/${item.code}/tiep-tuc"`);
  });

  it("exports CSV with a BOM, contacts and escaped formulas", async () => {
    const item = await seedPakn(t.database.db, {
      contact: { name: "@SUM(1+1)*cmd", phone: "+84912345678", address: "=1+2" },
    });
    const res = await getAs(t.app, officer, "/officer/xuat.csv?q=cmd");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="pakn-2026-03-10\.csv"$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [, line] = res.body.split("\r\n");
    expect(line).toContain(item.code);
    expect(line).toContain(`"'@SUM(1+1)*cmd","'+84912345678","'=1+2"`);
    expect((await getAs(t.app, officer, "/officer/xuat-csv?q=cmd")).body).toBe(res.body);
  });

  it("lets a leader keep canned answers that officers insert into a draft", async () => {
    const created = await postForm(t.app, leader, "/officer/mau-tra-loi", {
      title: "Đã khắc phục",
      body: "Đơn vị đã khắc phục xong sự cố, cảm ơn ông/bà đã phản ánh.",
    });
    expect(created.statusCode).toBe(303);
    const refused = await postForm(t.app, officer, "/officer/mau-tra-loi", { title: "x", body: "y" });
    expect(refused.statusCode).toBe(403);
    const item = await seedPakn(t.database.db, { status: "in_progress" });
    const page = await getAs(t.app, officer, `/officer/pakn/${item.code}`);
    const id = /<option value="(\d+)">Đã khắc phục<\/option>/.exec(page.body)?.[1];
    expect(id).toBeDefined();
    const prefilled = await getAs(t.app, officer, `/officer/pakn/${item.code}?mau=${id}`);
    expect(prefilled.body).toMatch(/<textarea id="answer"[^>]*>Đơn vị đã khắc phục xong sự cố/);
    const list = await getAs(t.app, officer, "/officer/mau-tra-loi");
    expect(list.body).toContain("Đã khắc phục");
    expect(list.body).not.toContain("/xoa");
  });
});
