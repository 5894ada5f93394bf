import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../app/config.js";
import { auditLog } from "../../db/schema.js";
import { cookieFrom, createTestOfficer, csrfFrom } from "../helpers/officers.js";
import { buildTestSite, type TestSite } from "../helpers/site.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
/** The proxy's own address as the app's socket sees it (light-my-request's default). */
const PROXY = "127.0.0.1";
/** More failed sign-ins from one address than its budget lets through without slowing down. */
const MANY_FAILURES = 25;

/** Posts the sign-in form from `remoteAddress`, with whatever forwarded headers the sender adds. */
async function signInAttempt(
  t: TestSite,
  input: { email: string; password: string; remoteAddress?: string; headers?: Record<string, string> },
) {
  const form = await t.app.inject({ url: "/officer/login", remoteAddress: input.remoteAddress });
  return t.app.inject({
    method: "POST",
    url: "/officer/login",
    remoteAddress: input.remoteAddress,
    headers: { ...FORM, cookie: cookieFrom(form, "motcua_login_csrf") ?? "", ...input.headers },
    payload: new URLSearchParams({
      _csrf: csrfFrom(form.body) ?? "",
      email: input.email,
      password: input.password,
      next: "/officer",
    }).toString(),
  });
}

/** Wrong passwords for as many different accounts, all from one socket address. */
async function failFromOneClient(
  t: TestSite,
  remoteAddress: string,
  headers: (i: number) => Record<string, string>,
): Promise<void> {
  for (let i = 0; i < MANY_FAILURES; i++) {
    const res = await signInAttempt(t, {
      email: `khach-${remoteAddress}-${i}@test.gov.vn`,
      password: "sai",
      remoteAddress,
      headers: headers(i),
    });
    expect(res.statusCode).not.toBe(303);
  }
}

async function lastSignInIp(t: TestSite, officerId: number): Promise<string | null | undefined> {
  const [row] = await t.database.db
    .select({ ip: auditLog.ip })
    .from(auditLog)
    .where(eq(auditLog.officerId, officerId))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row?.ip;
}

describe("forwarded headers from a sender that is not a configured proxy", () => {
  let t: TestSite;
  beforeAll(async () => {
    t = await buildTestSite({
      // What main.ts passes with TRUST_PROXY unset.
      trustProxy: loadConfig({}).TRUST_PROXY,
      site: { publicUrl: undefined },
    });
  });
  afterAll(() => t.dispose());

  it("do not reset the sign-in limit: a new X-Forwarded-For each time is still the same client", async () => {
    await failFromOneClient(t, "198.51.100.23", (i) => ({ "x-forwarded-for": `203.0.113.${i + 1}` }));
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    const limited = await signInAttempt(t, {
      email: officer.email,
      password,
      remoteAddress: "198.51.100.23",
      headers: { "x-forwarded-for": "192.0.2.200" },
    });
    // Slowed down like any client after that many failures: not signed in, even with the right password.
    expect(limited.statusCode).not.toBe(303);
    expect(cookieFrom(limited, "motcua_officer")).toBeUndefined();
  });

  it("do not fake the audit log's address", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    const res = await signInAttempt(t, {
      email: officer.email,
      password,
      remoteAddress: "198.51.100.77",
      headers: { "x-forwarded-for": "192.0.2.1" },
    });
    expect(res.statusCode).toBe(303);
    expect(await lastSignInIp(t, officer.id)).toBe("198.51.100.77");
  });

  it("do not put a sender's host into the publicly cached discovery document", async () => {
    for (const headers of [
      { "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" },
      { host: "evil.example" },
    ]) {
      const res = await t.app.inject({ url: "/open311/discovery.json", headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toContain("public");
      expect(res.body).not.toContain("evil.example");
      expect((res.json() as { endpoints: { url: string }[] }).endpoints[0]?.url).toBe("/open311/v2");
    }
    t.site.publicUrl = "https://pakn.tinh.gov.vn";
    const configured = await t.app.inject({
      url: "/open311/discovery.json",
      headers: { host: "evil.example", "x-forwarded-host": "evil.example" },
    });
    expect((configured.json() as { endpoints: { url: string }[] }).endpoints[0]?.url).toBe(
      "https://pakn.tinh.gov.vn/open311/v2",
    );
    t.site.publicUrl = undefined;
  });
});

describe("forwarded headers with TRUST_PROXY=127.0.0.1", () => {
  let t: TestSite;
  beforeAll(async () => {
    t = await buildTestSite({ trustProxy: loadConfig({ TRUST_PROXY: PROXY }).TRUST_PROXY });
  });
  afterAll(() => t.dispose());

  it("take the client's address from the proxy, and only from the proxy", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    const viaProxy = await signInAttempt(t, {
      email: officer.email,
      password,
      remoteAddress: PROXY,
      headers: { "x-forwarded-for": "203.0.113.9" },
    });
    expect(viaProxy.statusCode).toBe(303);
    expect(await lastSignInIp(t, officer.id)).toBe("203.0.113.9");

    const direct = await signInAttempt(t, {
      email: officer.email,
      password,
      remoteAddress: "198.51.100.5",
      headers: { "x-forwarded-for": "203.0.113.10" },
    });
    expect(direct.statusCode).toBe(303);
    expect(await lastSignInIp(t, officer.id)).toBe("198.51.100.5");
  });

  it("count a trusted proxy's forwarded clients apart: one client's failures do not stop another", async () => {
    await failFromOneClient(t, PROXY, (i) => ({ "x-forwarded-for": `203.0.113.${i + 1}` }));
    const { officer, password } = await createTestOfficer(t.database.db, { role: "officer" });
    const other = await signInAttempt(t, {
      email: officer.email,
      password,
      remoteAddress: PROXY,
      headers: { "x-forwarded-for": "192.0.2.200" },
    });
    expect(other.statusCode).toBe(303);
  });
});
