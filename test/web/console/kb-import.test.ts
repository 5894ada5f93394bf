import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema.js";
import { BUNDLED_PROCEDURES_FILE } from "../../../knowledge/bundled.js";
import { countProcedures } from "../../../knowledge/procedure-repo.js";
import { createTestOfficer, signInOfficer } from "../../helpers/officers.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

/** A multipart/form-data body as a browser's file form would send it. */
async function multipartBody(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([new Uint8Array(file.content)]), file.name);
  const response = new Response(form);
  return {
    payload: Buffer.from(await response.arrayBuffer()),
    contentType: response.headers.get("content-type") as string,
  };
}

describe("knowledge-base import from the admin pages", () => {
  let t: TestSite;
  let admin: { cookie: string; csrf: string };

  beforeAll(async () => {
    t = await buildTestSite({ driver: "pglite" });
    const created = await createTestOfficer(t.database.db, { role: "admin" });
    admin = await signInOfficer(t.app, { email: created.officer.email, password: created.password });
  });
  afterAll(() => t.dispose());

  const upload = async (content: Buffer, fields: Record<string, string>) => {
    const body = await multipartBody(fields, { name: "thu-tuc.jsonl", content });
    return t.app.inject({
      method: "POST",
      url: "/officer/quan-tri/nhap-thu-tuc",
      headers: { cookie: admin.cookie, "content-type": body.contentType },
      payload: body.payload,
    });
  };

  const waitForEnd = async (id: string) => {
    for (let i = 0; i < 300; i++) {
      const res = await t.app.inject({
        url: `/officer/quan-tri/nhap-thu-tuc/${id}/tien-do.json`,
        headers: { cookie: admin.cookie, accept: "application/json" },
      });
      const job = res.json();
      if (job.stage === "done" || job.stage === "failed") return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("import did not finish");
  };

  it("imports an uploaded portal file in the background with a progress bar, then shows the summary with broken lines", async () => {
    const lines = gunzipSync(readFileSync(BUNDLED_PROCEDURES_FILE))
      .toString("utf8")
      .split("\n")
      .slice(0, 300);
    lines.splice(120, 0, "{ not json");
    const res = await upload(Buffer.from(lines.join("\n")), { _csrf: admin.csrf, format: "dichvucong" });
    expect(res.statusCode).toBe(303);
    const id = String(res.headers.location).split("/").pop() as string;

    const page = await t.app.inject({
      url: `/officer/quan-tri/nhap-thu-tuc/${id}`,
      headers: { cookie: admin.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<progress id="kb-progress" max="100" value="\d+">/);

    const job = await waitForEnd(id);
    expect(job).toMatchObject({ stage: "done", percent: 100, read: 300, inserted: 300, skipped: 1 });
    expect(job.problems[0].line).toBe(121);
    expect(await countProcedures(t.database.db)).toBe(300);

    const done = await t.app.inject({
      url: `/officer/quan-tri/nhap-thu-tuc/${id}`,
      headers: { cookie: admin.cookie },
    });
    expect(done.body).toContain("<strong>300</strong> mới");
    expect(done.body).toContain("Dòng 121:");
    expect(done.body).not.toContain('http-equiv="refresh"');
    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.targetId, id))).map(
      (r) => r.action,
    );
    expect(actions.sort()).toEqual(["kb_import_finished", "kb_import_started"]);

    const again = await upload(Buffer.from(lines.join("\n")), { _csrf: admin.csrf });
    const second = await waitForEnd(String(again.headers.location).split("/").pop() as string);
    expect(second).toMatchObject({ stage: "done", inserted: 0, unchanged: 300 });
    const list = await t.app.inject({
      url: "/officer/quan-tri/nhap-thu-tuc",
      headers: { cookie: admin.cookie },
    });
    expect(list.body).toContain("thu-tuc.jsonl");
  });

  it("refuses an upload without the CSRF token and imports nothing", async () => {
    const before = await countProcedures(t.database.db);
    const res = await upload(Buffer.from("{}\n"), {});
    expect(res.statusCode).toBe(403);
    expect(await countProcedures(t.database.db)).toBe(before);
  });

  it("reports a file with no readable procedure as failed, leaving the database as it was", async () => {
    const before = await countProcedures(t.database.db);
    const res = await upload(Buffer.from("không phải json\n"), { _csrf: admin.csrf });
    const job = await waitForEnd(String(res.headers.location).split("/").pop() as string);
    expect(job.stage).toBe("failed");
    expect(await countProcedures(t.database.db)).toBe(before);
  });
});
