import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, pakn, paknEvents, paknNotes } from "../../../db/schema.js";
import type { PaknRow } from "../../../feedback/pakn-repo.js";
import { ACTION_PATHS } from "../../../web/console/action-paths.js";
import { getAs, postForm, type Session } from "../../helpers/console-http.js";
import { seedPakn } from "../../helpers/console-work.js";
import { jpegBytes } from "../../helpers/image-bytes.js";
import { createTestOfficer, signInOfficer } from "../../helpers/officers.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

/** Every form field any action reads, filled so that only authorization can stop the request. */
const FIELDS = {
  note: "Ghi chú đủ dài",
  body: "Ghi chú nội bộ",
  agency: "so-tai-chinh",
  reason: "Lý do thử nghiệm",
  question: "Vui lòng gửi thêm ảnh?",
  answer: "Một câu trả lời đủ dài để được chấp nhận.",
  confirm: "1",
  into: "PAKN.20260101.0001",
  safe: "1",
};

describe("console authorization: agency A's items do not exist for agency B", () => {
  let t: TestSite;
  let uploads: string;
  let a: Session;
  let b: Session;
  let leaderB: Session;
  let items: PaknRow[];

  beforeAll(async () => {
    uploads = await mkdtemp(join(tmpdir(), "motcua-uploads-"));
    t = await buildTestSite({ site: { uploadsDir: uploads } });
    const db = t.database.db;
    const officerA = await createTestOfficer(db, { role: "officer", agencyId: "so-xay-dung" });
    const officerB = await createTestOfficer(db, { role: "officer", agencyId: "so-tai-chinh" });
    const leaderOfB = await createTestOfficer(db, { role: "leader", agencyId: "so-tai-chinh" });
    a = await signInOfficer(t.app, { email: officerA.officer.email, password: officerA.password });
    b = await signInOfficer(t.app, { email: officerB.officer.email, password: officerB.password });
    leaderB = await signInOfficer(t.app, { email: leaderOfB.officer.email, password: leaderOfB.password });
    const photo = { kind: "image" as const, path: "", mimeType: "image/jpeg" };
    items = [];
    for (const status of [
      "assigned",
      "in_progress",
      "answered",
      "approved",
      "returned",
      "transferred",
    ] as const) {
      items.push(
        await seedPakn(db, {
          status,
          content: `Nội dung riêng của Sở Xây dựng (${status}).`,
          attachments: [photo],
        }),
      );
    }
    for (const item of items) {
      const path = `pakn/${item.id}/photo-1.jpg`;
      await mkdir(join(uploads, "pakn", String(item.id)), { recursive: true });
      await writeFile(join(uploads, path), jpegBytes());
      await db
        .update(pakn)
        .set({ attachments: [{ ...photo, path }] })
        .where(eq(pakn.id, item.id));
    }
  });
  afterAll(async () => {
    await t.dispose();
    await rm(uploads, { recursive: true, force: true });
  });

  const snapshot = async () => ({
    rows: (await t.database.db.select().from(pakn)).map((r) => [
      r.code,
      r.status,
      r.agencyId,
      JSON.stringify(r.attachments),
    ]),
    events: (await t.database.db.select().from(paknEvents)).length,
    notes: (await t.database.db.select().from(paknNotes)).length,
    audit: (await t.database.db.select().from(auditLog)).filter((r) => r.targetType === "pakn").length,
  });

  it("shows A's officer the item and its photo", async () => {
    const item = items[0] as PaknRow;
    const page = await getAs(t.app, a, `/officer/pakn/${item.code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Nội dung riêng của Sở Xây dựng");
    const photo = await getAs(t.app, a, `/officer/pakn/${item.code}/anh/0`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers["content-type"]).toBe("image/jpeg");
    expect(photo.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it("answers B's officer and leader 404 for A's detail pages and photos, exactly as for a code that does not exist", async () => {
    for (const session of [b, leaderB]) {
      const missing = await getAs(t.app, session, "/officer/pakn/PAKN.20990101.0001");
      expect(missing.statusCode).toBe(404);
      for (const item of items) {
        const page = await getAs(t.app, session, `/officer/pakn/${item.code}`);
        expect(page.statusCode).toBe(404);
        expect(page.body).toBe(missing.body);
        expect(page.body).not.toContain("Sở Xây dựng (");
        expect((await getAs(t.app, session, `/officer/pakn/${item.code}/anh/0`)).statusCode).toBe(404);
      }
    }
  });

  it("refuses every action B posts on A's items with 404 and changes nothing", async () => {
    const before = await snapshot();
    for (const session of [b, leaderB]) {
      for (const item of items) {
        for (const path of [...Object.values(ACTION_PATHS), "anh/0/danh-dau"]) {
          const res = await postForm(t.app, session, `/officer/pakn/${item.code}/${path}`, FIELDS);
          expect(res.statusCode, `${path} on ${item.status}`).toBe(404);
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("leaves A's items out of B's inbox, search and CSV", async () => {
    const inbox = await getAs(t.app, b, "/officer?status=all&q=so+xay+dung");
    expect(inbox.statusCode).toBe(200);
    const csv = await getAs(t.app, b, "/officer/xuat.csv?status=all");
    expect(csv.statusCode).toBe(200);
    for (const item of items) {
      expect(inbox.body).not.toContain(item.code);
      expect(csv.body).not.toContain(item.code);
    }
    const own = await getAs(t.app, a, "/officer/xuat.csv?status=all");
    for (const item of items) expect(own.body).toContain(item.code);
  });

  it("refuses a form without the session's CSRF token with 403, and does nothing", async () => {
    const item = items[0] as PaknRow;
    const before = await snapshot();
    for (const path of ["bat-dau", "ghi-chu", "chuyen", "anh/0/danh-dau"]) {
      const res = await postForm(t.app, a, `/officer/pakn/${item.code}/${path}`, FIELDS, { csrf: false });
      expect(res.statusCode).toBe(403);
      const wrong = await postForm(
        t.app,
        a,
        `/officer/pakn/${item.code}/${path}`,
        { ...FIELDS, _csrf: "x".repeat(43) },
        { csrf: false },
      );
      expect(wrong.statusCode).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("never serves a file outside the uploads directory, whatever path an attachment holds", async () => {
    const item = items[1] as PaknRow;
    await writeFile(join(uploads, "..", "secret.txt"), "secret");
    for (const path of [
      "../secret.txt",
      "pakn/../../secret.txt",
      "/etc/passwd",
      "pakn/1/photo-1.jpg/../../../secret.txt",
    ]) {
      await t.database.db
        .update(pakn)
        .set({ attachments: [{ kind: "image", path, mimeType: "image/jpeg" }] })
        .where(eq(pakn.id, item.id));
      expect((await getAs(t.app, a, `/officer/pakn/${item.code}/anh/0`)).statusCode).toBe(404);
    }
    for (const n of ["1", "-1", "..", "0.5", "9999"]) {
      expect((await getAs(t.app, a, `/officer/pakn/${item.code}/anh/${n}`)).statusCode).toBe(404);
    }
  });
});
