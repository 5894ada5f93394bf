import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUES } from "../../../feedback/queue-names.js";
import { createTestOfficer, signInOfficer } from "../../helpers/officers.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

describe("the queue board at /admin/queues", () => {
  let t: TestSite;
  let admin: { cookie: string; csrf: string };
  let coordinator: { cookie: string; csrf: string };
  let officer: { cookie: string; csrf: string };

  const as = async (role: "admin" | "coordinator" | "officer") => {
    const { officer: o, password } = await createTestOfficer(t.database.db, { role });
    return signInOfficer(t.app, { email: o.email, password });
  };

  beforeAll(async () => {
    t = await buildTestSite();
    admin = await as("admin");
    coordinator = await as("coordinator");
    officer = await as("officer");
  });
  afterAll(() => t.dispose());

  it("shows an anonymous visitor the sign-in page and nothing of the board", async () => {
    const page = await t.app.inject({ url: "/admin/queues" });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe("/officer/login?next=%2Fadmin%2Fqueues");
    const api = await t.app.inject({
      url: "/admin/queues/api/queues",
      headers: { accept: "application/json" },
    });
    expect(api.statusCode).toBe(401);
    expect(api.body).not.toContain(QUEUES.classify);
    const asset = await t.app.inject({ url: "/admin/queues/static/favicon-32x32.png" });
    expect(asset.statusCode).toBe(303);
  });

  it("answers 404 to officers and coordinators, as if it did not exist", async () => {
    for (const session of [officer, coordinator]) {
      for (const url of ["/admin/queues", "/admin/queues/api/queues"]) {
        const res = await t.app.inject({ url, headers: { cookie: session.cookie } });
        expect(res.statusCode, url).toBe(404);
        expect(res.body).not.toContain(QUEUES.classify);
      }
    }
  });

  it("shows an admin the board and every pipeline queue, read-only", async () => {
    const page = await t.app.inject({ url: "/admin/queues", headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain('<base href="/admin/queues/"');
    expect(page.body).toContain("motcua · hàng đợi xử lý PAKN");
    expect(page.headers["cache-control"]).toBe("no-store");
    const script = /src="(static\/js\/main[^"]+)"/.exec(page.body)?.[1];
    const asset = await t.app.inject({ url: `/admin/queues/${script}`, headers: { cookie: admin.cookie } });
    expect(asset.statusCode).toBe(200);
    const api = await t.app.inject({ url: "/admin/queues/api/queues", headers: { cookie: admin.cookie } });
    expect(api.statusCode).toBe(200);
    const { queues } = api.json() as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
    // No action goes through: without the CSRF token the console refuses it, with it the board does.
    const retry = (csrf?: string) =>
      t.app.inject({
        method: "PUT",
        url: `/admin/queues/api/queues/${QUEUES.classify}/retry/failed`,
        headers: { cookie: admin.cookie, ...(csrf ? { "x-csrf-token": csrf } : {}) },
      });
    expect((await retry()).statusCode).toBe(403);
    const readOnly = await retry(admin.csrf);
    expect(readOnly.statusCode).toBe(405);
    expect(readOnly.body).toContain("QUEUE_READ_ONLY");
  });
});
