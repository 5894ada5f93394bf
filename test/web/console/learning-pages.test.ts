import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, kbLessons, kbMisses } from "../../../db/schema.js";
import { followMiss, type MissKind, recordMiss, recordVote } from "../../../feedback/learning/miss-log.js";
import { createOfficer, toSignedIn } from "../../../feedback/officers/officer-repo.js";
import { getAs, postForm, type Session, withFlash } from "../../helpers/console-http.js";
import { createTestOfficer, signInOfficer } from "../../helpers/officers.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

const PAGE = "/officer/tri-thuc";
const RESOLVE = "/officer/tri-thuc/giai-quyet";
const LESSONS = "/officer/tri-thuc/bai-hoc";
const DAY_MS = 24 * 3600 * 1000;
/** "Cấp lại Giấy chứng nhận do bị mất" in the bundled knowledge base. */
const LOST_CERTIFICATE = "1.012786";

const LAND = [
  "mất giấy chứng nhận quyền sử dụng đất thì làm lại thế nào",
  "cấp lại giấy chứng nhận quyền sử dụng đất do bị mất",
  "đánh mất giấy chứng nhận quyền sử dụng đất phải làm sao",
];
const ADOPTION = ["thủ tục nhận nuôi con nuôi trong nước", "muốn nhận con nuôi trong nước làm thủ tục gì"];
const JUNK = "asdf qwer zxcv";

/** The miss ids of every group's form, in page order. */
const groupsOn = (body: string) =>
  [...body.matchAll(/name="ids" value="([^"]*)"/g)].map((m) => (m[1] ?? "").split(",").map(Number));

describe("knowledge editors turn unanswered questions into answers (console pages)", () => {
  let t: TestSite;
  let editor: Session;
  let refreshed = 0;

  const seed = async (texts: string[], kind: MissKind = "not_found", at?: Date) => {
    const ids: number[] = [];
    for (const text of texts)
      ids.push(
        await recordMiss(
          { db: t.database.db, now: () => at ?? t.clock.now },
          {
            kind,
            channel: "web",
            text,
            candidates: [{ code: "1.013978", name: "Đăng ký đất đai", score: 30.5 }],
          },
        ),
      );
    return ids;
  };
  const page = async (url = PAGE, session = editor) => {
    const res = await getAs(t.app, session, url);
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const resolve = (fields: Record<string, string>, session = editor) =>
    postForm(t.app, session, RESOLVE, fields);

  beforeAll(async () => {
    t = await buildTestSite({
      driver: "pglite",
      site: {
        refreshLessons: async () => {
          refreshed++;
        },
      },
    });
    // A knowledge editor belongs to no agency.
    const record = await createOfficer(t.database.db, {
      email: "bientap@tinh.gov.vn",
      name: "Lê Biên Tập",
      role: "editor",
      agencyId: null,
      password: "mat-khau-bien-tap-2026",
      mustChangePassword: false,
    });
    expect(toSignedIn(record).agencyId).toBeNull();
    editor = await signInOfficer(t.app, { email: "bientap@tinh.gov.vn", password: "mat-khau-bien-tap-2026" });
  });
  afterAll(() => t.dispose());

  it("is for knowledge editors, coordinators and admins; everyone else gets the console's 404", async () => {
    const body = await page();
    expect(body).toContain("Câu hỏi chưa trả lời được");
    expect(body).toContain('href="/officer/tri-thuc"');
    expect(body).toContain("Không có câu hỏi nào đang chờ");
    for (const role of ["coordinator", "admin"] as const) {
      const { officer, password } = await createTestOfficer(t.database.db, { role });
      const session = await signInOfficer(t.app, { email: officer.email, password });
      expect((await getAs(t.app, session, PAGE)).body).toContain('href="/officer/tri-thuc"');
    }
    for (const role of ["officer", "leader"] as const) {
      const { officer, password } = await createTestOfficer(t.database.db, { role });
      const session = await signInOfficer(t.app, { email: officer.email, password });
      for (const url of [PAGE, LESSONS]) {
        const res = await getAs(t.app, session, url);
        expect(res.statusCode).toBe(404);
        expect(res.body).toContain("Không tìm thấy trang.");
      }
      expect((await getAs(t.app, session, "/officer")).body).not.toContain('href="/officer/tri-thuc"');
      const post = await postForm(t.app, session, RESOLVE, { ids: "1", kind: "noise" });
      expect(post.statusCode).toBe(404);
      expect((await postForm(t.app, session, `${LESSONS}/1/ngung`)).statusCode).toBe(404);
    }
    const signedOut = await t.app.inject({ url: PAGE });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toContain("/officer/login?next=");
    expect(
      (await postForm(t.app, editor, RESOLVE, { ids: "1", kind: "noise" }, { csrf: false })).statusCode,
    ).toBe(403);
  });

  it("lists the groups largest first with their examples, guesses and followers, and a summary", async () => {
    const land = await seed(LAND);
    const adoption = await seed(ADOPTION);
    const junk = await seed([JUNK], "clarify");
    await followMiss(
      { db: t.database.db, now: () => t.clock.now },
      { missId: land[0] as number, channel: "web", conversation: "c-1" },
    );
    const old = await seed(
      ["hỏi từ hai tuần trước về giấy phép xây dựng nhà ở"],
      "unhelpful",
      new Date(t.clock.now.getTime() - 10 * DAY_MS),
    );
    await recordVote(
      { db: t.database.db, now: () => t.clock.now },
      { code: LOST_CERTIFICATE, helpful: false },
    );
    await recordVote(
      { db: t.database.db, now: () => t.clock.now },
      { code: LOST_CERTIFICATE, helpful: false },
    );
    await recordVote(
      { db: t.database.db, now: () => t.clock.now },
      { code: LOST_CERTIFICATE, helpful: true },
    );

    const body = await page();
    const groups = groupsOn(body);
    expect(groups.map((g) => [...g].sort((a, b) => a - b))).toEqual([land, adoption, junk]);
    for (const text of [...LAND, ...ADOPTION]) expect(body).toContain(text);
    expect(body).toContain("<strong>3</strong> lượt hỏi · <strong>1</strong> người đang chờ được báo");
    expect(body).toContain("1.013978 · điểm 30.5 · 3 lần");
    expect(body).not.toContain("giấy phép xây dựng nhà ở");
    // The summary: open misses of all time, this week and the week before, the worst voted procedure.
    expect(body).toContain("<strong>7</strong> câu hỏi đang chờ xử lý");
    // No question was counted by the bot here: the week has misses but no asked total yet.
    expect(body).toMatch(/7 ngày qua<\/td><td>0<\/td><td>–<\/td><td>6<\/td><td>0<\/td>/);
    expect(body).toMatch(/<td>\d\d\/\d\d–\d\d\/\d\d<\/td><td>0<\/td><td>–<\/td><td>1<\/td><td>0<\/td>/);
    expect(body).toContain(
      'Cấp lại Giấy chứng nhận do bị mất <span class="muted">1.012786</span></td><td>2</td><td>1</td>',
    );

    const month = await page(`${PAGE}?ky=30`);
    expect(groupsOn(month).flat()).toContain(old[0]);
    expect(groupsOn(await page(`${PAGE}?ky=tat-ca`)).flat()).toContain(old[0]);

    const search = await page(`${PAGE}?tim=${encodeURIComponent("cấp lại sổ đỏ bị mất")}`);
    expect(search).toContain(`<code>${LOST_CERTIFICATE}</code>`);
  });

  it("links a group to a procedure: the misses leave the list, followers are counted, this process reloads", async () => {
    const before = groupsOn(await page());
    const land = before[0] as number[];
    const before_refreshed = refreshed;
    const res = await resolve({
      ids: land.join(","),
      ky: "7",
      kind: "link",
      code: "1.013978",
      code_other: LOST_CERTIFICATE,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${PAGE}?ky=7`);
    expect(refreshed).toBe(before_refreshed + 1);
    const after = await page(`${PAGE}?ky=7`, withFlash(editor, res.headers["set-cookie"]));
    expect(after).toContain("Đã lưu: 3 câu hỏi đã có câu trả lời, 1 người sẽ được báo.");
    expect(groupsOn(after).flat()).not.toContain(land[0]);
    const [lesson] = await t.database.db.select().from(kbLessons).where(eq(kbLessons.kind, "link"));
    expect(lesson?.procedureCode).toBe(LOST_CERTIFICATE);
    const misses = await t.database.db
      .select()
      .from(kbMisses)
      .where(eq(kbMisses.lessonId, lesson?.id ?? 0));
    expect(misses.map((m) => m.id).sort((a, b) => a - b)).toEqual([...land].sort((a, b) => a - b));

    const lessons = await page(LESSONS);
    expect(lessons).toContain("Cấp lại Giấy chứng nhận do bị mất");
    expect(lessons).toContain(LAND[0]);
    expect(lessons).toContain("Lê Biên Tập");

    // The same form sent twice: the misses are already answered.
    const again = await resolve({ ids: land.join(","), kind: "link", code: LOST_CERTIFICATE });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("đã được xử lý rồi");
  });

  it("shows a group's problems back with what was typed, then saves an FAQ, a pointer elsewhere and noise", async () => {
    const [extra] = await seed(["giờ làm việc của bộ phận một cửa tỉnh vào thứ bảy"]);
    const ids = String(extra);
    const noCode = await resolve({ ids, kind: "link", code_other: "9.999999" });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.body).toContain("chưa chọn thủ tục có trong cơ sở dữ liệu");
    expect(noCode.body).toContain('value="9.999999"');

    const noSource = await resolve({
      ids,
      kind: "faq",
      faq_answer: "Bộ phận một cửa làm việc sáng thứ bảy.",
    });
    expect(noSource.statusCode).toBe(400);
    expect(noSource.body).toContain("câu trả lời cần ghi căn cứ");
    expect(noSource.body).toContain("Bộ phận một cửa làm việc sáng thứ bảy.</textarea>");
    const tooLong = await resolve({ ids, kind: "faq", faq_answer: "dài ".repeat(600), faq_source: "QĐ 1" });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain("dài quá 2000 ký tự");
    const noWhere = await resolve({ ids, kind: "elsewhere", where: "  " });
    expect(noWhere.body).toContain("chưa ghi nơi công dân cần liên hệ");
    expect((await resolve({ ids, kind: "" })).body).toContain("chưa chọn cách xử lý");

    const faq = await resolve({
      ids,
      kind: "faq",
      faq_answer: "Bộ phận một cửa tỉnh làm việc sáng thứ bảy, từ 7 giờ 30 đến 11 giờ 30.",
      faq_source: "Quyết định 12/QĐ-UBND",
    });
    expect(faq.statusCode).toBe(303);
    const adoption = groupsOn(await page())[0] as number[];
    const elsewhere = await resolve({
      ids: adoption.join(","),
      kind: "elsewhere",
      where: "Sở Tư pháp, 12 đường Lê Lợi",
    });
    expect(elsewhere.statusCode).toBe(303);
    const junk = groupsOn(await page())[0] as number[];
    const noise = await resolve({ ids: junk.join(","), kind: "noise" });
    expect(noise.statusCode).toBe(303);
    expect(await page(PAGE, withFlash(editor, noise.headers["set-cookie"]))).toContain(
      "1 câu hỏi được đánh dấu không cần trả lời",
    );
    expect(groupsOn(await page())).toEqual([]);
    const kinds = (await t.database.db.select().from(kbLessons)).map((l) => l.kind).sort();
    expect(kinds).toEqual(["elsewhere", "faq", "link", "noise"]);
    const lessons = await page(LESSONS);
    expect(lessons).toContain("Căn cứ: Quyết định 12/QĐ-UBND");
    expect(lessons).toContain("Sở Tư pháp, 12 đường Lê Lợi");
  });

  it("retires a lesson, and refuses retiring it twice or a lesson that does not exist", async () => {
    const [faq] = await t.database.db.select().from(kbLessons).where(eq(kbLessons.kind, "faq"));
    const id = faq?.id ?? 0;
    const before = refreshed;
    const res = await postForm(t.app, editor, `${LESSONS}/${id}/ngung`);
    expect(res.statusCode).toBe(303);
    expect(refreshed).toBe(before + 1);
    const list = await page(LESSONS, withFlash(editor, res.headers["set-cookie"]));
    expect(list).toContain(`Đã ngừng dùng bài học số ${id}.`);
    expect(list).not.toContain("Quyết định 12/QĐ-UBND");
    const twice = await postForm(t.app, editor, `${LESSONS}/${id}/ngung`);
    expect(twice.statusCode).toBe(404);
    expect(twice.body).toContain("không còn được dùng");
    for (const junk of ["abc", "0", "99999999999"])
      expect((await postForm(t.app, editor, `${LESSONS}/${junk}/ngung`)).statusCode).toBe(404);
    expect((await postForm(t.app, editor, `${LESSONS}/%00/ngung`)).statusCode).toBeLessThan(500);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "lesson_retired"));
    expect(audits).toHaveLength(1);
  });

  it("never answers junk form bodies or queries with a server error", async () => {
    const [open] = await seed(["một câu hỏi mới về lệ phí trước bạ xe máy"]);
    const bodies: Array<Record<string, string>> = [
      {},
      { ids: "", kind: "noise" },
      { ids: "abc,-1,99999999999999,1e3", kind: "noise" },
      { ids: "123456789", kind: "noise" },
      { ids: String(open), kind: "link" },
      { ids: String(open), kind: "link", code: "<script>alert(1)</script>" },
      { ids: String(open), kind: "faq", faq_answer: "x".repeat(50_000), faq_source: "y".repeat(5_000) },
      { ids: String(open), kind: "elsewhere", where: "\u0000\u0001" },
      { ids: `${",".repeat(10_000)}${open}`, kind: "bogus" },
      { ids: String(open), kind: "noise", ky: "../../etc" },
    ];
    for (const fields of bodies) {
      const res = await resolve(fields);
      expect(res.statusCode, JSON.stringify(fields).slice(0, 80)).toBeLessThan(500);
      expect(res.body).not.toContain("<script>alert");
    }
    const repeated = await t.app.inject({
      method: "POST",
      url: RESOLVE,
      headers: { cookie: editor.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${editor.csrf}&ids=1&ids=2&kind=noise&kind=faq`,
    });
    expect(repeated.statusCode).toBeLessThan(500);
    const json = await t.app.inject({
      method: "POST",
      url: RESOLVE,
      headers: { cookie: editor.cookie, "content-type": "application/json", "x-csrf-token": editor.csrf },
      payload: JSON.stringify({ ids: [1, 2], kind: { a: 1 } }),
    });
    expect(json.statusCode).toBeLessThan(500);
    for (const q of ["ky=zzz", "ky=30&ky=7", `tim=${"x".repeat(5000)}`, "tim=%3Cscript%3E"]) {
      const res = await getAs(t.app, editor, `${PAGE}?${q}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.body).not.toContain("<script>");
    }
  });
});
