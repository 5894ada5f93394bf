import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, procedures } from "../../../db/schema.js";
import type { Procedure } from "../../../knowledge/procedure.js";
import { upsertProcedures } from "../../../knowledge/procedure-repo.js";
import { DRIVERS } from "../../helpers/databases.js";
import { createTestOfficer, signInOfficer } from "../../helpers/officers.js";
import { makeChannel, makeProcedure } from "../../helpers/procedures.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const CODE = "9.000001";

describe.each(DRIVERS)("an admin edits a procedure of the knowledge base (%s)", (driver) => {
  let t: TestSite;
  let admin: { cookie: string; csrf: string };

  beforeAll(async () => {
    t = await buildTestSite({ driver });
    await upsertProcedures(t.database.db, [
      makeProcedure({
        code: CODE,
        name: "Đăng ký khai sinh thử nghiệm",
        channels: [makeChannel({ fee: "Miễn phí" })],
      }),
    ]);
    const created = await createTestOfficer(t.database.db, { role: "admin" });
    admin = await signInOfficer(t.app, { email: created.officer.email, password: created.password });
  });
  afterAll(() => t.dispose());

  const get = (url: string, cookie = admin.cookie) => t.app.inject({ url, headers: { cookie } });
  const save = (json: string, session = admin) =>
    t.app.inject({
      method: "POST",
      url: `/officer/quan-tri/thu-tuc/${CODE}`,
      headers: { ...FORM, cookie: session.cookie },
      payload: new URLSearchParams({ _csrf: session.csrf, json }).toString(),
    });
  const stored = async () =>
    (await t.database.db.select().from(procedures).where(eq(procedures.code, CODE)))[0]?.data as Procedure;

  it("finds it by name, saves a checked edit with an audit entry, and refuses a broken one whole", async () => {
    const list = await get(`/officer/quan-tri/thu-tuc?q=${encodeURIComponent("khai sinh thử")}`);
    expect(list.body).toContain(`href="/officer/quan-tri/thu-tuc/${CODE}"`);
    const page = await get(`/officer/quan-tri/thu-tuc/${CODE}`);
    expect(page.statusCode).toBe(200);
    const edited = { ...(await stored()) };
    edited.channels = [
      { ...(edited.channels[0] as Procedure["channels"][number]), fee: "Lệ phí: 8.000 đồng" },
    ];
    const ok = await save(JSON.stringify(edited));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("Đã lưu.");
    expect((await stored()).channels[0]?.fee).toBe("Lệ phí: 8.000 đồng");
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "procedure_edit"), eq(auditLog.targetId, CODE)));
    expect(entries).toHaveLength(1);

    const broken = await save(JSON.stringify({ ...edited, name: "", documents: "none" }));
    expect(broken.statusCode).toBe(422);
    expect(broken.body).toContain("chưa được lưu");
    expect(broken.body).toContain("documents");
    expect(await save("{ not json")).toMatchObject({ statusCode: 422 });
    expect((await save(JSON.stringify({ ...edited, code: "9.999999" }))).body).toContain("Không được đổi mã");
    expect((await stored()).name).toBe("Đăng ký khai sinh thử nghiệm");
  });

  it("is the admin's alone", async () => {
    const { officer, password } = await createTestOfficer(t.database.db, { role: "coordinator" });
    const session = await signInOfficer(t.app, { email: officer.email, password });
    expect((await get(`/officer/quan-tri/thu-tuc/${CODE}`, session.cookie)).statusCode).toBe(404);
    expect((await save(JSON.stringify(await stored()), session)).statusCode).toBe(404);
    const noToken = await t.app.inject({
      method: "POST",
      url: `/officer/quan-tri/thu-tuc/${CODE}`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: new URLSearchParams({ json: "{}" }).toString(),
    });
    expect(noToken.statusCode).toBe(403);
  });
});
