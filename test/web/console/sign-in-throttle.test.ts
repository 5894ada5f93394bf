import { eq } from "drizzle-orm";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema.js";
import { DRIVERS } from "../../helpers/databases.js";
import { cookieFrom, createTestOfficer, csrfFrom, signInOfficer } from "../../helpers/officers.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
let ipCounter = 0;
/** Each attempt from an address of its own unless a test says otherwise (a botnet, or many offices). */
const freshIp = () => `10.77.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

/** The sign-in form as a browser posts it, sending the browser's cookies (a trusted-device cookie too). */
async function login(
  app: FastifyInstance,
  input: { email: string; password: string; ip?: string; cookies?: string[] },
): Promise<LightMyRequestResponse> {
  const ip = input.ip ?? freshIp();
  const jar = (input.cookies ?? []).filter(Boolean);
  const form = await app.inject({
    url: "/officer/login",
    remoteAddress: ip,
    headers: { cookie: jar.join("; ") },
  });
  const loginCookie =
    cookieFrom(form, "motcua_login_csrf") ?? jar.find((c) => c.startsWith("motcua_login_csrf="));
  return app.inject({
    method: "POST",
    url: "/officer/login",
    remoteAddress: ip,
    headers: { ...FORM, cookie: [...jar, loginCookie ?? ""].filter(Boolean).join("; ") },
    payload: new URLSearchParams({
      _csrf: csrfFrom(form.body) ?? "",
      email: input.email,
      password: input.password,
      next: "/officer",
    }).toString(),
  });
}

/** The error paragraph of a sign-in page: what the visitor is told. */
const errorOf = (res: LightMyRequestResponse) =>
  /<p class="error" role="alert">([^<]*)<\/p>/.exec(res.body)?.[1];

describe.each(DRIVERS)("sign-in throttle, uniform answers and session lifetime (%s)", (driver) => {
  let t: TestSite;

  beforeAll(async () => {
    t = await buildTestSite({ driver, clock: new Date("2026-03-02T01:00:00Z") });
  });
  afterAll(() => t.dispose());

  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const actions = async (officerId: number) =>
    (await t.database.db.select().from(auditLog).where(eq(auditLog.officerId, officerId))).map(
      (r) => r.action,
    );

  it("answers an unknown e-mail, a wrong password and a slowed-down account alike", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    const wrong = await login(t.app, { email: officer.email, password: "khong-dung-mat-khau" });
    const unknown = await login(t.app, { email: "khong-co-ai@test.gov.vn", password });
    for (let i = 0; i < 7; i++) await login(t.app, { email: officer.email, password: `sai-${i}` });
    const slowed = await login(t.app, { email: officer.email, password });
    for (let i = 0; i < 6; i++)
      await login(t.app, { email: "khong-co-ai@test.gov.vn", password: `sai-${i}` });
    const slowedUnknown = await login(t.app, { email: "khong-co-ai@test.gov.vn", password });
    const answers = [wrong, unknown, slowed, slowedUnknown];
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 401]);
    expect(new Set(answers.map(errorOf)).size).toBe(1);
    expect(errorOf(wrong)).toContain("Email hoặc mật khẩu không đúng");
    for (const res of answers) {
      expect(res.headers["retry-after"]).toBeUndefined();
      expect(cookieFrom(res, "motcua_officer")).toBeUndefined();
    }
  });

  it("slows an account down step by step instead of locking it: the right password works once the short wait is over", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    for (let i = 1; i <= 6; i++) await login(t.app, { email: officer.email, password: `sai-${i}` });
    // Six wrong guesses: the next one waits 15 seconds, not 15 minutes.
    t.clock.advance(10_000);
    expect((await login(t.app, { email: officer.email, password })).statusCode).toBe(401);
    t.clock.advance(6_000);
    expect((await login(t.app, { email: officer.email, password })).statusCode).toBe(303);
    expect(await actions(officer.id)).not.toContain("locked");
  });

  it("makes every further wrong guess wait longer (doubling up to 15 minutes), so guessing stays impractical", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    for (let i = 1; i <= 5; i++) await login(t.app, { email: officer.email, password: `sai-${i}` });
    const waits = [15, 30, 60, 120, 240, 480, 900, 900];
    for (const [i, wait] of waits.entries()) {
      await login(t.app, { email: officer.email, password: `doan-${i}` });
      t.clock.advance((wait - 1) * 1000);
      // Still waiting: even the right password is not looked at.
      expect((await login(t.app, { email: officer.email, password })).statusCode).toBe(401);
      t.clock.advance(1000);
    }
    expect((await login(t.app, { email: officer.email, password })).statusCode).toBe(303);
  });

  it("never locks out an officer on a browser they signed in from before, however many guesses others make", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "leader" });
    const first = await login(t.app, { email: officer.email, password, ip: "10.1.1.1" });
    expect(first.statusCode).toBe(303);
    const device = cookieFrom(first, "motcua_device");
    expect(device).toBeDefined();
    expect(String(first.headers["set-cookie"])).toMatch(
      /motcua_device=[^;]+; Max-Age=15552000; Path=\/officer\/login; HttpOnly; SameSite=Strict/,
    );
    for (let i = 0; i < 10; i++) await login(t.app, { email: officer.email, password: `doan-${i}` });
    // From a new browser the account is slowed down...
    expect((await login(t.app, { email: officer.email, password })).statusCode).toBe(401);
    // ...but the officer's own browser gets straight in.
    const own = await login(t.app, { email: officer.email, password, cookies: [device as string] });
    expect(own.statusCode).toBe(303);
    // A device cookie of one account does not help with another.
    const other = await createTestOfficer(t.database.db, { role: "officer" });
    for (let i = 0; i < 6; i++) await login(t.app, { email: other.officer.email, password: `doan-${i}` });
    const borrowed = await login(t.app, {
      email: other.officer.email,
      password: other.password,
      cookies: [device as string],
    });
    expect(borrowed.statusCode).toBe(401);
  });

  it("slows down one address that tries many accounts, without holding up other addresses", async () => {
    const ip = "10.2.2.2";
    for (let i = 0; i < 21; i++)
      await login(t.app, { email: `khach-${i}@test.gov.vn`, password: "sai-mat-khau", ip });
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    const fromThere = await login(t.app, { email: officer.email, password, ip });
    expect(fromThere.statusCode).toBe(401);
    expect(errorOf(fromThere)).toContain("Email hoặc mật khẩu không đúng");
    expect((await login(t.app, { email: officer.email, password, ip: "10.2.2.3" })).statusCode).toBe(303);
  });

  it("lets an admin clear an officer's sign-in slow-down from the console, audited", async () => {
    const admin = await createTestOfficer(t.database.db, { role: "admin" });
    const adminSession = await signInOfficer(t.app, { email: admin.officer.email, password: admin.password });
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    for (let i = 0; i < 6; i++) await login(t.app, { email: officer.email, password: `doan-${i}` });
    const page = await get(`/officer/quan-tri/can-bo/${officer.id}`, adminSession.cookie);
    expect(page.body).toContain("Đăng nhập đang bị làm chậm");
    const cleared = await t.app.inject({
      method: "POST",
      url: `/officer/quan-tri/can-bo/${officer.id}/go-gioi-han-dang-nhap`,
      headers: { ...FORM, cookie: adminSession.cookie },
      payload: `_csrf=${encodeURIComponent(adminSession.csrf)}`,
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.body).toContain("Đã gỡ giới hạn đăng nhập");
    expect((await login(t.app, { email: officer.email, password })).statusCode).toBe(303);
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.officerId, admin.officer.id));
    expect(rows.map((r) => [r.action, r.targetId])).toContainEqual([
      "sign_in_throttle_cleared",
      String(officer.id),
    ]);
  });

  it("slows down guesses of the current password on the change-password form", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    const { cookie, csrf } = await signInOfficer(t.app, { email: officer.email, password });
    const change = (current: string) =>
      t.app.inject({
        method: "POST",
        url: "/officer/doi-mat-khau",
        headers: { ...FORM, cookie },
        payload: new URLSearchParams({
          _csrf: csrf,
          current,
          password: "ngua-kho-pin-dung-ghim",
          confirm: "ngua-kho-pin-dung-ghim",
        }).toString(),
      });
    for (let i = 0; i < 6; i++) expect((await change(`doan-${i}`)).statusCode).toBe(422);
    const tooSoon = await change(password);
    expect(tooSoon.statusCode).toBe(422);
    expect(tooSoon.body).toContain("Mật khẩu hiện tại không đúng");
    t.clock.advance(16_000);
    expect((await change(password)).statusCode).toBe(303);
  });

  it("refuses a new password shorter than 12 characters or easy to guess, with a Vietnamese reason", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, {
      role: "officer",
      email: `tran.van.binh.${driver}@test.gov.vn`,
      name: "Trần Văn Bình",
    });
    const { cookie, csrf } = await signInOfficer(t.app, { email: officer.email, password });
    const change = (next: string) =>
      t.app.inject({
        method: "POST",
        url: "/officer/doi-mat-khau",
        headers: { ...FORM, cookie },
        payload: new URLSearchParams({
          _csrf: csrf,
          current: password,
          password: next,
          confirm: next,
        }).toString(),
      });
    const short = await change("Zq7#mV2$kLp");
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain("ít nhất 12 ký tự");
    for (const weak of [
      "aaaaaaaaaaaaaaaa",
      "abcdefghijklmn",
      "123456789012",
      "matkhau12345678",
      "tranvanbinh2026",
    ]) {
      const res = await change(weak);
      expect(res.statusCode, weak).toBe(422);
      expect(res.body, weak).toContain("Mật khẩu mới quá dễ đoán");
    }
    expect((await change("ngựa-kho-pin-đúng-ghim")).statusCode).toBe(303);
  });

  it("ends a session 12 hours after sign-in even when it was used all along, and sends the officer to sign in", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "admin" });
    const { cookie } = await signInOfficer(t.app, { email: officer.email, password });
    for (let hour = 1; hour < 12; hour++) {
      t.clock.advance(3600 * 1000);
      expect((await get("/officer/doi-mat-khau", cookie)).statusCode).toBe(200);
    }
    t.clock.advance(3600 * 1000 + 1000);
    const expired = await get("/officer/doi-mat-khau", cookie);
    expect(expired.statusCode).toBe(303);
    expect(expired.headers.location).toMatch(/^\/officer\/login/);
    expect(String(expired.headers["set-cookie"])).toMatch(/motcua_officer=;/);
  });
});
