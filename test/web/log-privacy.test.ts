import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../app/logger.js";
import { buildWebApp } from "../../web/app.js";
import { createTestDispatcher } from "../helpers/bot.js";
import { DRIVERS } from "../helpers/databases.js";
import { createTestOfficer, signInOfficer } from "../helpers/officers.js";
import { createTestRedis } from "../helpers/redis.js";
import { buildTestSite, type TestSite } from "../helpers/site.js";

const KEY = "log-privacy-test-key-0123456789";
/** A sender whose every detail would be recognisable in a log line. */
const SENDER = {
  first_name: "Thị Hường",
  last_name: "Lê",
  phone: "0987654321",
  address: "Số 17 ngõ Hoà Bình, thôn Trung Lập",
};
/** Any of these in a log line is a leak. */
const PERSONAL = ["Hường", "Huong", "0987654321", "987654321", "ngõ Hoà Bình", "Trung Lập", "x@y.vn"];

describe.each(DRIVERS)("what the web app logs (%s)", (driver) => {
  let t: TestSite;
  const lines: string[] = [];
  const logged = () => lines.join("");
  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    const logger = createLogger({
      level: "info",
      destination: { write: (line: string) => lines.push(line) },
    });
    t = await buildTestSite({
      driver,
      logger,
      clock: new Date("2026-03-10T03:00:00Z"),
      site: { open311ApiKeys: [KEY] },
    });
  });
  afterAll(() => t.dispose());

  const postOpen311 = (fields: Record<string, string>) =>
    t.app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      payload: new URLSearchParams({
        api_key: KEY,
        service_code: "xay-dung-do-thi",
        description: "Đèn chiếu sáng công cộng trên đường Lê Lợi bị hỏng cả tháng nay, buổi tối rất tối.",
        address_string: "Đường Lê Lợi, phường 1",
        ...SENDER,
        ...fields,
      }).toString(),
    });

  it("logs a failed query's text, parameter count and SQLSTATE, never the sender's values", async () => {
    // The database refuses every new PAKN (a real constraint, as a broken migration would):
    // its insert fails with the sender's name, phone and address among the parameters, and
    // PostgreSQL's detail ("Failing row contains (…)") repeats them.
    await t.database.exec("ALTER TABLE pakn ADD CONSTRAINT log_test_refuse CHECK (false) NOT VALID");
    lines.length = 0;
    const res = await postOpen311({ email: "x@y.vn" });
    await t.database.exec("ALTER TABLE pakn DROP CONSTRAINT log_test_refuse");

    expect(res.statusCode).toBe(503);
    for (const value of PERSONAL) expect(logged(), value).not.toContain(value);
    const failure = parsed().find((l) => l.msg === "open311 request failed");
    const err = failure?.err as Record<string, unknown>;
    expect(err.code).toBe("23514");
    expect(String(err.message)).toMatch(/^Failed query: [\s\S]*INSERT INTO pakn \(code/);
    expect(err.query).toContain("INSERT INTO pakn (code");
    expect(err.paramCount).toBeGreaterThan(5);
    expect(err).not.toHaveProperty("params");
    expect(err.cause).toMatchObject({ code: "23514", constraint: "log_test_refuse" });
    expect(err.cause).not.toHaveProperty("detail");
    expect(logged()).toContain('"url":"/open311/v2/requests.json"');
  });

  it("logs a NUL byte in a sender's field without the field's values", async () => {
    lines.length = 0;
    const res = await postOpen311({ address: `${SENDER.address}\u0000` });
    expect(res.statusCode).toBeLessThan(500);
    for (const value of PERSONAL) expect(logged(), value).not.toContain(value);
  });

  it("logs console searches and the CSV export by path, without the searched values", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "coordinator" });
    const session = await signInOfficer(t.app, { email: officer.email, password });
    lines.length = 0;
    for (const url of [
      "/officer?q=0987654321",
      `/officer?q=${encodeURIComponent("Lê Thị Hường")}&trang=2`,
      "/officer/xuat.csv?q=0987654321",
      `/phan-anh?q=${encodeURIComponent("ngõ Hoà Bình")}`,
    ]) {
      const res = await t.app.inject({ url, headers: { cookie: session.cookie } });
      expect(res.statusCode, url).toBe(200);
    }
    for (const value of PERSONAL) expect(logged(), value).not.toContain(value);
    expect(logged()).not.toContain("L%C3%AA");
    const urls = parsed()
      .map((l) => (l.req as { url?: string } | undefined)?.url)
      .filter(Boolean);
    expect(urls).toEqual([
      "/officer?q=[redacted]",
      "/officer?q=[redacted]&trang=[redacted]",
      "/officer/xuat.csv?q=[redacted]",
      "/phan-anh?q=[redacted]",
    ]);
  });
});

describe("the web app's request log with a logger of any making", () => {
  it("keeps query values out even when the logger has no serializers of its own", async () => {
    const r = createTestRedis();
    const lines: string[] = [];
    const app = await buildWebApp({
      dispatcher: createTestDispatcher(r),
      logger: pino({ level: "info" }, { write: (line: string) => lines.push(line) }),
      sessionSecret: "log-test-session-secret-0123456789",
      secureCookies: false,
      probes: { database: async () => 1, redis: async () => 1, procedures: () => 1 },
    });
    try {
      const res = await app.inject({ url: "/healthz?q=0987654321&ten=L%C3%AA" });
      expect(res.statusCode).toBe(200);
      expect(lines.join("")).not.toMatch(/0987654321|L%C3%AA/);
      expect(lines.join("")).toContain('"url":"/healthz?q=[redacted]&ten=[redacted]"');
    } finally {
      await app.close();
      await r.dispose();
    }
  });
});
