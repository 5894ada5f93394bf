import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pakn } from "../../../db/schema.js";
import { paknHistory } from "../../../feedback/pakn-repo.js";
import { getAs, postForm, type Session } from "../../helpers/console-http.js";
import { seedPakn } from "../../helpers/console-work.js";
import { createTestOfficer, signInOfficer } from "../../helpers/officers.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

describe("answer approval and coordinator triage over HTTP", () => {
  let t: TestSite;
  let officer: Session;
  let leader: Session;
  let coordinator: Session;

  beforeAll(async () => {
    t = await buildTestSite();
    const db = t.database.db;
    const sign = async (role: "officer" | "leader" | "coordinator") => {
      const { officer: o, password } = await createTestOfficer(db, { role, agencyId: "so-xay-dung" });
      return signInOfficer(t.app, { email: o.email, password });
    };
    officer = await sign("officer");
    leader = await sign("leader");
    coordinator = await sign("coordinator");
  });
  afterAll(() => t.dispose());

  const rowOf = async (id: number) => (await t.database.db.select().from(pakn).where(eq(pakn.id, id)))[0];

  it("officer answers, leader approves after reading the redacted preview, publishes; the public record has no name or phone", async () => {
    const item = await seedPakn(t.database.db, {
      content: "Tôi là Nguyễn Văn An, điện thoại 0912 345 678, ở Thôn 3 xã Đông. Cống trước nhà bị tắc.",
      contact: { name: "Nguyễn Văn An", phone: "0912345678", address: "Thôn 3 xã Đông" },
    });
    expect((await postForm(t.app, officer, `/officer/pakn/${item.code}/bat-dau`)).statusCode).toBe(303);
    const answered = await postForm(t.app, officer, `/officer/pakn/${item.code}/tra-loi`, {
      answer: "Sở Xây dựng đã nạo vét cống ngày 12/3/2026; nước đã thoát bình thường.",
    });
    expect(answered.statusCode).toBe(303);
    const review = await getAs(t.app, leader, `/officer/pakn/${item.code}`);
    const preview = review.body.slice(review.body.indexOf("Bản công khai (xem trước)"));
    expect(preview).toContain("Cống trước nhà bị tắc.");
    expect(preview.slice(0, preview.indexOf("</section>"))).not.toMatch(
      /Nguyễn Văn An|0912 345 678|0912345678/,
    );
    expect((await postForm(t.app, leader, `/officer/pakn/${item.code}/duyet`)).statusCode).toBe(303);
    const unconfirmed = await postForm(t.app, leader, `/officer/pakn/${item.code}/cong-bo`);
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain("xác nhận đã kiểm tra bản công khai");
    expect((await rowOf(item.id))?.status).toBe("approved");
    const published = await postForm(t.app, leader, `/officer/pakn/${item.code}/cong-bo`, { confirm: "1" });
    expect(published.statusCode).toBe(303);
    const row = await rowOf(item.id);
    expect(row?.status).toBe("published");
    expect(row?.publicQuestion).toContain("Cống trước nhà bị tắc.");
    expect(row?.publicQuestion).not.toMatch(/Nguyễn Văn An|0912 345 678|0912345678|Thôn 3/);
    expect(row?.publicAnswer).toContain("nạo vét cống");
    expect((await paknHistory(t.database.db, item.id)).map((e) => e.toStatus)).toEqual([
      "received",
      "assigned",
      "in_progress",
      "answered",
      "approved",
      "published",
    ]);
  });

  it("lets the leader send a draft back with a note", async () => {
    const item = await seedPakn(t.database.db, { status: "answered" });
    const empty = await postForm(t.app, leader, `/officer/pakn/${item.code}/tra-lai`, { note: "" });
    expect(empty.statusCode).toBe(400);
    const res = await postForm(t.app, leader, `/officer/pakn/${item.code}/tra-lai`, {
      note: "Ghi rõ ngày xong",
    });
    expect(res.statusCode).toBe(303);
    expect((await rowOf(item.id))?.status).toBe("in_progress");
  });

  it("lets the coordinator assign triage, merge a duplicate and reject with a reason", async () => {
    const triage = await seedPakn(t.database.db, { status: "classified" });
    expect((await getAs(t.app, officer, `/officer/pakn/${triage.code}`)).statusCode).toBe(404);
    const inbox = await getAs(t.app, coordinator, "/officer?triage=1");
    expect(inbox.body).toContain(triage.code);
    const assigned = await postForm(t.app, coordinator, `/officer/pakn/${triage.code}/phan-cong`, {
      agency: "so-xay-dung",
    });
    expect(assigned.statusCode).toBe(303);
    expect((await getAs(t.app, officer, `/officer/pakn/${triage.code}`)).statusCode).toBe(200);

    const original = await seedPakn(t.database.db);
    const duplicate = await seedPakn(t.database.db);
    const merged = await postForm(t.app, coordinator, `/officer/pakn/${duplicate.code}/gop`, {
      into: original.code,
    });
    expect(merged.statusCode).toBe(303);
    expect(await rowOf(duplicate.id)).toMatchObject({ status: "merged", mergedInto: original.code });

    const spam = await seedPakn(t.database.db);
    const refused = await postForm(t.app, officer, `/officer/pakn/${spam.code}/tu-choi`, {
      reason: "Quảng cáo",
    });
    expect(refused.statusCode).toBe(403);
    const rejected = await postForm(t.app, coordinator, `/officer/pakn/${spam.code}/tu-choi`, {
      reason: "Quảng cáo",
    });
    expect(rejected.statusCode).toBe(303);
    expect((await rowOf(spam.id))?.status).toBe("rejected");
  });

  it("moves an item out of the officer's sight when they transfer it, back to the inbox with a message", async () => {
    const item = await seedPakn(t.database.db, { status: "in_progress" });
    const res = await postForm(t.app, officer, `/officer/pakn/${item.code}/chuyen`, {
      agency: "so-tai-chinh",
      reason: "Thuộc thẩm quyền Sở Tài chính",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/officer");
    expect((await getAs(t.app, officer, `/officer/pakn/${item.code}`)).statusCode).toBe(404);
    expect((await getAs(t.app, coordinator, `/officer/pakn/${item.code}`)).body).toContain("Sở Tài chính");
  });
});
