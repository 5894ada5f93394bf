import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetOverrides, auditLog, officers } from "../../../db/schema.js";
import { readAsset, readBundledAsset } from "../../../feedback/data-files/asset-overrides.js";
import { findByEmail } from "../../../feedback/officers/officer-repo.js";
import { DRIVERS } from "../../helpers/databases.js";
import { cookieFrom, createTestOfficer, postLogin, signInOfficer } from "../../helpers/officers.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const at = (iso: string) => new Date(iso);

describe.each(DRIVERS)("the admin pages (%s)", (driver) => {
  let t: TestSite;
  let admin: { cookie: string; csrf: string };
  let adminId: number;
  let adminLogin: { email: string; password: string };

  beforeAll(async () => {
    t = await buildTestSite({ driver, clock: at("2026-06-15T10:00:00+07:00") });
    const created = await createTestOfficer(t.database.db, { role: "admin", name: "Quản trị viên" });
    adminId = created.officer.id;
    adminLogin = { email: created.officer.email, password: created.password };
    admin = await signInOfficer(t.app, { email: created.officer.email, password: created.password });
  });
  afterAll(() => t.dispose());

  const get = (url: string, cookie = admin.cookie) => t.app.inject({ url, headers: { cookie } });
  const post = (url: string, fields: Record<string, string>, session = admin) =>
    t.app.inject({
      method: "POST",
      url,
      headers: { ...FORM, cookie: session.cookie },
      payload: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
    });
  const oneTimePassword = (body: string) => /class="one-time-password">([^<]+)</.exec(body)?.[1];

  it("answers 404 to every other role, on pages and posts alike, and sends signed-out visitors to sign in", async () => {
    const urls = [
      "/officer/quan-tri",
      "/officer/quan-tri/can-bo",
      `/officer/quan-tri/can-bo/${adminId}`,
      "/officer/quan-tri/du-lieu/agencies.tsv",
      "/officer/quan-tri/nhap-thu-tuc",
      "/officer/quan-tri/nhat-ky",
    ];
    for (const role of ["officer", "leader", "coordinator"] as const) {
      const { officer, password } = await createTestOfficer(t.database.db, { role });
      const session = await signInOfficer(t.app, { email: officer.email, password });
      for (const url of urls) expect((await get(url, session.cookie)).statusCode, `${role} ${url}`).toBe(404);
      const created = await post(
        "/officer/quan-tri/can-bo",
        { email: "x@t.gov.vn", name: "X", role: "admin" },
        session,
      );
      expect(created.statusCode).toBe(404);
      expect(await findByEmail(t.database.db, "x@t.gov.vn")).toBeUndefined();
      const home = await get("/officer/doi-mat-khau", session.cookie);
      expect(home.body).not.toContain('href="/officer/quan-tri"');
    }
    const anonymous = await get("/officer/quan-tri/can-bo", "");
    expect(anonymous.statusCode).toBe(303);
    expect((await get("/officer/quan-tri", admin.cookie)).body).toContain("Tài khoản cán bộ");
  });

  it("creates an account, shows its one-time password once, and the password signs in", async () => {
    const res = await post("/officer/quan-tri/can-bo", {
      email: "Can.Bo@XayDung.gov.vn",
      name: "Trần Thị Bình",
      role: "officer",
      agency: "so-xay-dung",
    });
    expect(res.statusCode).toBe(200);
    const password = oneTimePassword(res.body) as string;
    expect(password).toMatch(/^[a-z2-9-]{19}$/);
    expect(res.body).toContain("Trần Thị Bình");
    const list = await get("/officer/quan-tri/can-bo");
    expect(list.body).not.toContain(password);
    expect(list.body).toContain("Chờ đổi mật khẩu lần đầu");
    const login = await postLogin(t.app, { email: "can.bo@xaydung.gov.vn", password });
    expect(login.headers.location).toMatch(/^\/officer\/doi-mat-khau/);

    const bad = await post("/officer/quan-tri/can-bo", {
      email: "a@t.gov.vn",
      name: "A",
      role: "leader",
      agency: "",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("phải thuộc một cơ quan");
    const taken = await post("/officer/quan-tri/can-bo", {
      email: "can.bo@xaydung.gov.vn",
      name: "B",
      role: "admin",
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain("đã có tài khoản");
  });

  it("changes role and agency, locks and unlocks, and resets the password, each audited", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    const session = await signInOfficer(t.app, { email: officer.email, password });
    const base = `/officer/quan-tri/can-bo/${officer.id}`;

    const role = await post(`${base}/vai-tro`, {
      name: "Lê Văn Cường",
      role: "leader",
      agency: "so-tai-chinh",
    });
    expect(role.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(officers).where(eq(officers.id, officer.id));
    expect(row).toMatchObject({ role: "leader", agencyId: "so-tai-chinh", name: "Lê Văn Cường" });

    expect((await post(`${base}/khoa`, {})).statusCode).toBe(200);
    expect((await get("/officer/doi-mat-khau", session.cookie)).statusCode).toBe(303);
    expect((await postLogin(t.app, { email: officer.email, password })).statusCode).toBe(401);
    expect((await post(`${base}/mo-khoa`, {})).statusCode).toBe(200);
    expect((await postLogin(t.app, { email: officer.email, password })).statusCode).toBe(303);

    const reset = await post(`${base}/dat-lai-mat-khau`, {});
    const fresh = oneTimePassword(reset.body) as string;
    expect(fresh).toBeTruthy();
    expect((await postLogin(t.app, { email: officer.email, password })).statusCode).toBe(401);
    const login = await postLogin(t.app, { email: officer.email, password: fresh });
    expect(login.headers.location).toMatch(/^\/officer\/doi-mat-khau/);

    const self = await post(`/officer/quan-tri/can-bo/${adminId}/khoa`, {});
    expect(self.statusCode).toBe(422);
    expect(self.body).toContain("chính mình");

    const actions = (
      await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.targetId, String(officer.id)))
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(["officer_updated", "officer_disabled", "officer_enabled", "password_reset"]),
    );
    const log = await get("/officer/quan-tri/nhat-ky");
    expect(log.body).toContain("Cấp lại mật khẩu");
    expect(log.body.indexOf("Cấp lại mật khẩu")).toBeLessThan(log.body.indexOf("Khoá tài khoản"));
  });

  it("refuses a broken agencies.tsv with its line number and saves nothing; saves a good one; restores the bundled file", async () => {
    const bundled = readBundledAsset("agencies.tsv");
    const lines = bundled.split("\n");
    const firstData = lines.findIndex((l) => l.startsWith("so-xay-dung"));
    const broken = [...lines];
    broken[firstData + 1] = "Sở Không Có Mã"; // no tab, no id
    const res = await post("/officer/quan-tri/du-lieu/agencies.tsv", { content: broken.join("\n") });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(`Dòng ${firstData + 2}: thiếu dấu Tab`);
    expect(res.body).toContain("chưa được lưu");
    expect(res.body).toContain("Sở Không Có Mã"); // the admin's text is kept for fixing
    expect(await t.database.db.select().from(assetOverrides)).toHaveLength(0);

    const added = `${bundled.trimEnd()}\nso-du-lich\tSở Du lịch\tdu lịch | lữ hành\ttinh\n`;
    const ok = await post("/officer/quan-tri/du-lieu/agencies.tsv", { content: added });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("Đã lưu");
    expect(await readAsset(t.database.db, "agencies.tsv")).toBe(added);
    // The new agency can be given to an account straight away.
    const form = await get("/officer/quan-tri/can-bo");
    expect(form.body).toContain('value="so-du-lich"');

    const restored = await post("/officer/quan-tri/du-lieu/agencies.tsv/khoi-phuc", {});
    expect(restored.body).toContain("Đã khôi phục bản gốc");
    expect(await readAsset(t.database.db, "agencies.tsv")).toBe(bundled);
    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.targetType, "asset"))).map(
      (r) => r.action,
    );
    expect(actions).toEqual(["asset_saved", "asset_restored"]);
  });

  it("refuses a CSRF-less save of a data file", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/officer/quan-tri/du-lieu/synonyms.tsv",
      headers: { ...FORM, cookie: admin.cookie },
      payload: "content=x",
    });
    expect(res.statusCode).toBe(403);
    expect(await t.database.db.select().from(assetOverrides)).toHaveLength(0);
    expect(cookieFrom(res, "motcua_officer")).toBeUndefined();
  });

  it("warns on the data files page when the holiday calendar lacks the current or the next year, until it is entered", async () => {
    const WARNING = "Lịch ngày nghỉ lễ chưa có năm";
    // June 2026: 2026 and 2027 are in the bundled calendar.
    expect((await get("/officer/quan-tri/du-lieu")).body).not.toContain(WARNING);
    // March 2027: nobody has entered 2028 yet.
    t.clock.now = at("2027-03-01T10:00:00+07:00");
    const session = await signInOfficer(t.app, adminLogin);
    const list = await get("/officer/quan-tri/du-lieu", session.cookie);
    expect(list.body).toContain(`${WARNING} 2028`);
    expect(list.body).toContain('href="/officer/quan-tri/du-lieu/holidays-vn.json"');
    const editorPage = await get("/officer/quan-tri/du-lieu/holidays-vn.json", session.cookie);
    expect(editorPage.body).toContain(`${WARNING} 2028`);
    expect((await get("/officer/quan-tri/du-lieu/agencies.tsv", session.cookie)).body).not.toContain(WARNING);

    // The admin enters 2028: the warning goes.
    const calendar = JSON.parse(readBundledAsset("holidays-vn.json"));
    calendar.years.push({
      year: 2028,
      status: "provisional",
      daysOff: [{ date: "2028-01-01", name: "Tết Dương lịch" }],
      workingDays: [],
    });
    const saved = await post(
      "/officer/quan-tri/du-lieu/holidays-vn.json",
      { content: JSON.stringify(calendar, null, 2) },
      session,
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain("Đã lưu");
    expect(saved.body).not.toContain(WARNING);
    expect((await get("/officer/quan-tri/du-lieu", session.cookie)).body).not.toContain(WARNING);
    await post("/officer/quan-tri/du-lieu/holidays-vn.json/khoi-phuc", {}, session);
  });
});
