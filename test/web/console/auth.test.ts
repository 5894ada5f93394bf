import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, officerSessions } from "../../../db/schema.js";
import { createOfficer, setOfficerDisabled } from "../../../feedback/officers/officer-repo.js";
import { requireOfficer } from "../../../web/console/auth-hooks.js";
import { consolePage, csrfField } from "../../../web/console/console-layout.js";
import { html } from "../../../web/html.js";
import { sendPage } from "../../../web/layout.js";
import { DRIVERS } from "../../helpers/databases.js";
import { cookieFrom, createTestOfficer, csrfFrom, postLogin, signInOfficer } from "../../helpers/officers.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
let ipCounter = 0;
/** Each test signs in from an address of its own, so the per-IP limit of one test does not touch another. */
const freshIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

describe.each(DRIVERS)("officer sign-in, sessions and CSRF (%s)", (driver) => {
  let t: TestSite;
  let changes = 0;

  beforeAll(async () => {
    t = await buildTestSite({ driver, clock: new Date("2026-03-02T01:00:00Z") });
    // Pages as the console's own areas declare them: one for admins, one state-changing form.
    t.app.get("/officer/test-admin", { preHandler: requireOfficer(t.site, ["admin"]) }, (req, reply) =>
      // biome-ignore lint/style/noNonNullAssertion: behind requireOfficer
      sendPage(reply, consolePage(req.officer!, { title: "Quản trị", body: html`<p>${csrfField(req)}</p>` })),
    );
    t.app.post("/officer/test-change", { preHandler: requireOfficer(t.site) }, async () => {
      changes++;
      return { ok: true };
    });
  });
  afterAll(() => t.dispose());

  const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });
  const auditActions = async (officerId: number) =>
    (await t.database.db.select().from(auditLog).where(eq(auditLog.officerId, officerId))).map(
      (r) => r.action,
    );

  it("signs in with the right password: a strict, HttpOnly cookie whose token is stored only as a hash", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "admin" });
    const res = await postLogin(t.app, { email: officer.email.toUpperCase(), password, ip: freshIp() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/officer");
    const setCookie = String(res.headers["set-cookie"]);
    expect(setCookie).toMatch(/motcua_officer=[^;]{40,}; Path=\/; HttpOnly; SameSite=Strict/);
    const token = (cookieFrom(res, "motcua_officer") ?? "").split("=")[1] ?? "";
    const sessions = await t.database.db
      .select()
      .from(officerSessions)
      .where(eq(officerSessions.officerId, officer.id));
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.id).not.toContain(token);
    expect(sessions[0]?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(await auditActions(officer.id)).toEqual(["sign_in"]);

    const page = await get("/officer/test-admin", cookieFrom(res, "motcua_officer"));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(officer.name);
    expect(page.body).toContain("Quản trị hệ thống");
    expect(page.body).toContain('action="/officer/logout"');
  });

  it("gives the same message for a wrong password, an unknown e-mail and a disabled account; never stores the password", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    const wrong = await postLogin(t.app, {
      email: officer.email,
      password: "not-the-password",
      ip: freshIp(),
    });
    const unknown = await postLogin(t.app, { email: "nobody@test.gov.vn", password, ip: freshIp() });
    const disabled = await createTestOfficer(t.database.db, { role: "leader" });
    await setOfficerDisabled(t.database.db, disabled.officer.id, true);
    const off = await postLogin(t.app, {
      email: disabled.officer.email,
      password: disabled.password,
      ip: freshIp(),
    });
    for (const res of [wrong, unknown, off]) {
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain("Email hoặc mật khẩu không đúng.");
      expect(cookieFrom(res, "motcua_officer")).toBeUndefined();
    }
    const rows = await t.database.db.select().from(auditLog);
    expect(JSON.stringify(rows)).not.toContain("not-the-password");
    expect(JSON.stringify(rows)).not.toContain(password);
    expect(await auditActions(officer.id)).toEqual(["sign_in_failed"]);
  });

  it("sends an officer with a one-time password to the change-password page until it is changed", async () => {
    const record = await createOfficer(t.database.db, {
      email: `new-${driver}@test.gov.vn`,
      role: "admin",
      password: "mot-lan-abcd-efgh",
      mustChangePassword: true,
    });
    const login = await postLogin(t.app, {
      email: record.email,
      password: "mot-lan-abcd-efgh",
      next: "/officer/test-admin",
      ip: freshIp(),
    });
    expect(login.headers.location).toBe("/officer/doi-mat-khau?next=%2Fofficer%2Ftest-admin");
    const cookie = cookieFrom(login, "motcua_officer") as string;
    const blocked = await get("/officer/test-admin", cookie);
    expect(blocked.statusCode).toBe(303);
    expect(blocked.headers.location).toMatch(/^\/officer\/doi-mat-khau/);

    const form = await get("/officer/doi-mat-khau?next=%2Fofficer%2Ftest-admin", cookie);
    expect(form.body).toContain("mật khẩu dùng một lần");
    const csrf = csrfFrom(form.body) as string;
    const post = (fields: Record<string, string>) =>
      t.app.inject({
        method: "POST",
        url: "/officer/doi-mat-khau",
        headers: { ...FORM, cookie },
        payload: new URLSearchParams({ _csrf: csrf, next: "/officer/test-admin", ...fields }).toString(),
      });
    const short = await post({ current: "mot-lan-abcd-efgh", password: "ngan", confirm: "ngan" });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain("ít nhất 12 ký tự");
    const asEmail = await post({
      current: "mot-lan-abcd-efgh",
      password: record.email,
      confirm: record.email,
    });
    expect(asEmail.body).toContain("không được trùng với địa chỉ email");
    const ok = await post({
      current: "mot-lan-abcd-efgh",
      password: "mat-khau-moi-2026",
      confirm: "mat-khau-moi-2026",
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe("/officer/test-admin");
    expect((await get("/officer/test-admin", cookie)).statusCode).toBe(200);
    expect(await auditActions(record.id)).toContain("password_changed");
  });

  it("refuses a state-changing request without the session's CSRF token (403, nothing done)", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    const { cookie, csrf } = await signInOfficer(t.app, { email: officer.email, password });
    const before = changes;
    const missing = await t.app.inject({
      method: "POST",
      url: "/officer/test-change",
      headers: { ...FORM, cookie },
      payload: "note=x",
    });
    const wrong = await t.app.inject({
      method: "POST",
      url: "/officer/test-change",
      headers: { ...FORM, cookie },
      payload: `note=x&_csrf=${csrf.slice(0, -2)}ab`,
    });
    const json = await t.app.inject({
      method: "POST",
      url: "/officer/test-change",
      headers: { cookie, "content-type": "application/json", "x-csrf-token": "forged" },
      payload: "{}",
    });
    for (const res of [missing, wrong]) {
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain("Vui lòng tải lại trang");
    }
    expect(json.statusCode).toBe(403);
    expect(json.json().error.code).toBe("forbidden");
    expect(changes).toBe(before);

    const logout = await t.app.inject({
      method: "POST",
      url: "/officer/logout",
      headers: { ...FORM, cookie },
    });
    expect(logout.statusCode).toBe(403);
    const changePw = await t.app.inject({
      method: "POST",
      url: "/officer/doi-mat-khau",
      headers: { ...FORM, cookie },
      payload: new URLSearchParams({
        current: password,
        password: "x".repeat(12),
        confirm: "x".repeat(12),
      }).toString(),
    });
    expect(changePw.statusCode).toBe(403);
    await signInOfficer(t.app, { email: officer.email, password }); // the old password still works

    const byField = await t.app.inject({
      method: "POST",
      url: "/officer/test-change",
      headers: { ...FORM, cookie },
      payload: `note=x&_csrf=${encodeURIComponent(csrf)}`,
    });
    const byHeader = await t.app.inject({
      method: "POST",
      url: "/officer/test-change",
      headers: { cookie, "content-type": "application/json", "x-csrf-token": csrf },
      payload: "{}",
    });
    expect([byField.statusCode, byHeader.statusCode]).toEqual([200, 200]);
    expect(changes).toBe(before + 2);
  });

  it("sends signed-out visitors to the sign-in page (pages) or answers 401 (other requests); wrong role is 404", async () => {
    const anonymous = await get("/officer/test-admin?x=1");
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe("/officer/login?next=%2Fofficer%2Ftest-admin%3Fx%3D1");
    const post = await t.app.inject({
      method: "POST",
      url: "/officer/test-change",
      headers: FORM,
      payload: "a=1",
    });
    expect(post.statusCode).toBe(401);

    for (const role of ["officer", "leader", "coordinator"] as const) {
      const { officer, password } = await createTestOfficer(t.database.db, { role });
      const { cookie } = await signInOfficer(t.app, { email: officer.email, password });
      const res = await get("/officer/test-admin", cookie);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain("Quản trị</a>");
    }
  });

  it("ends a session after 12 idle hours, but keeps one that is used (with a 48-hour lifetime configured)", async () => {
    t.site.officerSessionMaxMs = 48 * 3600 * 1000;
    try {
      const { officer, password } = await createTestOfficer(t.database.db, { role: "admin" });
      const { cookie } = await signInOfficer(t.app, { email: officer.email, password });
      t.clock.advance(11 * 3600 * 1000);
      expect((await get("/officer/test-admin", cookie)).statusCode).toBe(200);
      t.clock.advance(11 * 3600 * 1000);
      expect((await get("/officer/test-admin", cookie)).statusCode).toBe(200);
      t.clock.advance(12 * 3600 * 1000 + 1000);
      const expired = await get("/officer/test-admin", cookie);
      expect(expired.statusCode).toBe(303);
      expect(expired.headers.location).toMatch(/^\/officer\/login/);
      expect(String(expired.headers["set-cookie"])).toMatch(/motcua_officer=;/);
    } finally {
      t.site.officerSessionMaxMs = undefined;
    }
  });

  it("signs out: the session row is gone and the cookie no longer opens pages", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "admin" });
    const { cookie, csrf } = await signInOfficer(t.app, { email: officer.email, password });
    const res = await t.app.inject({
      method: "POST",
      url: "/officer/logout",
      headers: { ...FORM, cookie },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/officer/login");
    const rows = await t.database.db
      .select()
      .from(officerSessions)
      .where(eq(officerSessions.officerId, officer.id));
    expect(rows).toHaveLength(0);
    expect((await get("/officer/test-admin", cookie)).statusCode).toBe(303);
    expect(await auditActions(officer.id)).toEqual(["sign_in", "sign_out"]);
  });

  it("ends the other sessions when a password is changed", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "admin" });
    const laptop = await signInOfficer(t.app, { email: officer.email, password });
    const phone = await signInOfficer(t.app, { email: officer.email, password });
    const res = await t.app.inject({
      method: "POST",
      url: "/officer/doi-mat-khau",
      headers: { ...FORM, cookie: laptop.cookie },
      payload: new URLSearchParams({
        _csrf: laptop.csrf,
        current: password,
        password: "mot-mat-khau-dai-hon",
        confirm: "mot-mat-khau-dai-hon",
      }).toString(),
    });
    expect(res.statusCode).toBe(303);
    expect((await get("/officer/test-admin", laptop.cookie)).statusCode).toBe(200);
    expect((await get("/officer/test-admin", phone.cookie)).statusCode).toBe(303);
  });

  it("refuses a sign-in form posted without its own token, and never redirects off-site", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "admin" });
    const forged = await t.app.inject({
      method: "POST",
      url: "/officer/login",
      headers: FORM,
      payload: new URLSearchParams({ email: officer.email, password }).toString(),
    });
    expect(forged.statusCode).toBe(403);
    expect(cookieFrom(forged, "motcua_officer")).toBeUndefined();
    for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "/phan-anh"]) {
      const res = await postLogin(t.app, { email: officer.email, password, next, ip: freshIp() });
      expect(res.headers.location).toBe("/officer");
    }
  });

  it("reloads a sign-in page reached from another site once, so a signed-in officer's strict cookie is sent", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "admin" });
    const { cookie } = await signInOfficer(t.app, { email: officer.email, password });
    const crossSite = await t.app.inject({
      url: "/officer/login?next=%2Fofficer%2Ftest-admin",
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.statusCode).toBe(200);
    expect(crossSite.headers.refresh).toBe("0; url=/officer/login?next=%2Fofficer%2Ftest-admin&r=1");
    const reloaded = await t.app.inject({
      url: "/officer/login?next=%2Fofficer%2Ftest-admin&r=1",
      headers: { cookie, "sec-fetch-site": "same-origin" },
    });
    expect(reloaded.statusCode).toBe(303);
    expect(reloaded.headers.location).toBe("/officer/test-admin");
  });

  it("accepts form bodies only under /officer and /admin", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/chat/messages",
      headers: FORM,
      payload: "text=xin+chao",
    });
    expect(res.statusCode).toBe(415);
  });
});

describe("the session cookie over https", () => {
  it("is Secure when the site is served over https", async () => {
    const t = await buildTestSite({ site: { secureCookies: true } });
    try {
      const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
      const res = await postLogin(t.app, { email: officer.email, password });
      expect(String(res.headers["set-cookie"])).toMatch(
        /motcua_officer=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict/,
      );
    } finally {
      await t.dispose();
    }
  });
});
