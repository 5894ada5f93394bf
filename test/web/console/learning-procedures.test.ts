import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, kbProcedureReviews } from "../../../db/schema.js";
import { loadReviewing } from "../../../feedback/learning/procedure-review.js";
import { createOfficer } from "../../../feedback/officers/officer-repo.js";
import type { Procedure } from "../../../knowledge/procedure.js";
import { recordImportRun, upsertProceduresWithChanges } from "../../../knowledge/procedure-repo.js";
import { seededRandom } from "../../../scripts/lib/seeded-random.js";
import { getAs, postForm, type Session, withFlash } from "../../helpers/console-http.js";
import { hostileBody, hostileQuery } from "../../helpers/hostile-input.js";
import { createTestOfficer, signInOfficer } from "../../helpers/officers.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";
import { TEST_NOW } from "../../helpers/test-clock.js";

const PAGE = "/officer/tri-thuc/thu-tuc";
const REVIEW = "/officer/tri-thuc/thu-tuc/ra-soat";
/** "Thủ tục đăng ký khai sinh" and "Thủ tục đăng ký kết hôn" in the bundled knowledge base. */
const BIRTH = "1.001193";
const MARRIAGE = "1.000894";

describe("knowledge editors see how current a procedure is and mark it under review (console page)", () => {
  let t: TestSite;
  let editor: Session;
  let editorId: number;
  let refreshed = 0;

  const page = async (url: string, session = editor) => {
    const res = await getAs(t.app, session, url);
    expect(res.statusCode, url).toBe(200);
    return res.body;
  };
  const bundled = (code: string) => t.site.kb.get(code) as Procedure;

  beforeAll(async () => {
    t = await buildTestSite({
      driver: "pglite",
      site: {
        refreshLessons: async () => {
          refreshed++;
          t.site.kb.setReviewing(await loadReviewing(t.database.db));
        },
      },
    });
    const record = await createOfficer(t.database.db, {
      email: "bientap-thutuc@tinh.gov.vn",
      name: "Trần Biên Tập",
      role: "editor",
      agencyId: null,
      password: "mat-khau-bien-tap-2026",
      mustChangePassword: false,
    });
    editorId = record.id;
    editor = await signInOfficer(t.app, {
      email: "bientap-thutuc@tinh.gov.vn",
      password: "mat-khau-bien-tap-2026",
    });
    // Two imports: the second changes the fee of the marriage registration only.
    const birth = bundled(BIRTH);
    const marriage = bundled(MARRIAGE);
    for (const [source, list] of [
      ["cong-dvc-thang-10.jsonl", [birth, marriage]],
      [
        "cong-dvc-thang-11.jsonl",
        [
          birth,
          { ...marriage, channels: marriage.channels.map((c) => ({ ...c, fee: "Lệ phí : 20.000 Đồng" })) },
        ],
      ],
    ] as const) {
      const { summary, changes } = await upsertProceduresWithChanges(t.database.db, [...list]);
      await recordImportRun(t.database.db, { source, format: "dichvucong", skipped: 0, ...summary }, changes);
    }
  });
  afterAll(async () => {
    // The bundled knowledge base is shared by this file's tests: leave it as it was.
    t.site.kb.setReviewing(new Set());
    await t.dispose();
  });

  it("is for knowledge editors, coordinators and admins; everyone else gets the console's 404", async () => {
    expect(await page(PAGE)).toContain("Thủ tục: cập nhật và rà soát");
    for (const role of ["coordinator", "admin"] as const) {
      const { officer, password } = await createTestOfficer(t.database.db, { role });
      const session = await signInOfficer(t.app, { email: officer.email, password });
      expect(await page(`${PAGE}?q=${BIRTH}`, session)).toContain("Quyết định công bố");
    }
    for (const role of ["officer", "leader"] as const) {
      const { officer, password } = await createTestOfficer(t.database.db, { role });
      const session = await signInOfficer(t.app, { email: officer.email, password });
      const res = await getAs(t.app, session, PAGE);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain("Không tìm thấy trang.");
      const post = await postForm(t.app, session, REVIEW, { code: BIRTH, action: "mark" });
      expect(post.statusCode).toBe(404);
    }
    const signedOut = await t.app.inject({ url: PAGE });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toContain("/officer/login?next=");
    const noCsrf = await postForm(t.app, editor, REVIEW, { code: BIRTH, action: "mark" }, { csrf: false });
    expect(noCsrf.statusCode).toBe(403);
    expect(await t.database.db.select().from(kbProcedureReviews)).toEqual([]);
  });

  it("shows a procedure's announcing decision, last import, re-import changes, and the last import's changes", async () => {
    const byCode = await page(`${PAGE}?q=${MARRIAGE}`);
    expect(byCode).toContain("Thủ tục đăng ký kết hôn");
    expect(byCode).toContain("Quyết định công bố: <strong>163/QĐ-BTP</strong>");
    expect(byCode).toContain("Nhập hoặc sửa lần cuối: <strong>");
    expect(byCode).toContain("nhập lại từ tệp <code>cong-dvc-thang-11.jsonl</code>");
    expect(byCode).toContain("thay đổi: cách thức thực hiện (thời hạn, phí, lệ phí)");
    expect(byCode).toContain("nhập lại từ tệp <code>cong-dvc-thang-10.jsonl</code>");
    expect(byCode).toContain("thêm mới");
    expect(byCode).toContain("trợ lý đang trả lời chi tiết thủ tục này");
    // The last import: one changed procedure, the unchanged one not listed.
    const last = byCode.slice(byCode.indexOf("Lần nhập gần nhất"));
    expect(last).toContain("<code>cong-dvc-thang-11.jsonl</code>");
    expect(last).toContain("0 thủ tục mới, 1 thủ tục thay đổi, 1 không đổi");
    expect(last).toContain(`${MARRIAGE}</span> · thay đổi: cách thức thực hiện`);
    expect(last).not.toContain(BIRTH);

    const byName = await page(`${PAGE}?q=${encodeURIComponent("đăng ký khai sinh")}`);
    expect(byName).toContain(`<span class="muted">${BIRTH}</span>`);
    expect(byName).toContain("Chưa ghi nhận thay đổi nào khi nhập lại");
    expect(await page(`${PAGE}?q=${encodeURIComponent("zzzz qqqq xxxx")}`)).toContain(
      "Không tìm thấy thủ tục nào.",
    );
  });

  it("marks a procedure 'đang rà soát' with a note and clears it, audited, reloading the bot's set each time", async () => {
    const before = refreshed;
    const mark = await postForm(t.app, editor, REVIEW, {
      code: BIRTH,
      note: "Chờ quyết định công bố mới của Bộ Tư pháp",
      action: "mark",
      q: "khai sinh",
    });
    expect(mark.statusCode).toBe(303);
    expect(mark.headers.location).toBe(`${PAGE}?q=${encodeURIComponent("khai sinh")}`);
    expect(refreshed).toBe(before + 1);
    expect(t.site.kb.isReviewing(BIRTH)).toBe(true);
    expect(await t.database.db.select().from(kbProcedureReviews)).toEqual([
      {
        procedureCode: BIRTH,
        note: "Chờ quyết định công bố mới của Bộ Tư pháp",
        markedBy: editorId,
        markedAt: TEST_NOW,
      },
    ]);
    const marked = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "procedure_review_mark"), eq(auditLog.targetId, BIRTH)));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatchObject({ officerId: editorId, targetType: "procedure" });

    const after = await page(`${PAGE}?q=khai+sinh`, withFlash(editor, mark.headers["set-cookie"]));
    expect(after).toContain(`Đã đánh dấu thủ tục ${BIRTH} “đang rà soát”`);
    expect(after).toContain("<strong>Đang rà soát</strong> từ");
    expect(after).toContain("(Trần Biên Tập)");
    expect(after).toContain("Ghi chú: Chờ quyết định công bố mới của Bộ Tư pháp");
    expect(after).toContain("Bỏ đánh dấu “đang rà soát”");
    const list = after.slice(after.indexOf("Thủ tục đang rà soát"), after.indexOf("Lần nhập gần nhất"));
    expect(list).toContain("(1)");
    expect(list).toContain(`<a href="${PAGE}?q=${BIRTH}">Thủ tục đăng ký khai sinh</a>`);

    const clear = await postForm(t.app, editor, REVIEW, { code: BIRTH, action: "clear" });
    expect(clear.statusCode).toBe(303);
    expect(clear.headers.location).toBe(`${PAGE}?q=${BIRTH}`);
    expect(t.site.kb.isReviewing(BIRTH)).toBe(false);
    expect(await t.database.db.select().from(kbProcedureReviews)).toEqual([]);
    const cleared = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "procedure_review_clear"));
    expect(cleared).toHaveLength(1);
    const shown = await page(`${PAGE}?q=${BIRTH}`, withFlash(editor, clear.headers["set-cookie"]));
    expect(shown).toContain("Đã bỏ đánh dấu “đang rà soát”");
    expect(shown).toContain("Không có thủ tục nào đang rà soát.");

    // Clearing again changes nothing and audits nothing.
    const again = await postForm(t.app, editor, REVIEW, { code: BIRTH, action: "clear" });
    expect(again.statusCode).toBe(303);
    expect(
      await t.database.db.select().from(auditLog).where(eq(auditLog.action, "procedure_review_clear")),
    ).toHaveLength(1);
  });

  it("refuses to mark a code that is no procedure", async () => {
    for (const code of ["9.999999", "", "x".repeat(80)]) {
      const res = await postForm(t.app, editor, REVIEW, { code, action: "mark", note: "thử" });
      expect(res.statusCode, code).toBe(404);
      expect(res.body).toContain("Không có thủ tục với mã này.");
    }
    expect((await postForm(t.app, editor, REVIEW, { code: BIRTH, action: "xoa" })).statusCode).toBe(400);
    expect(await t.database.db.select().from(kbProcedureReviews)).toEqual([]);
  });

  it("never answers junk form bodies or queries with a server error", async () => {
    const bodies: Array<Record<string, string>> = [
      {},
      { code: "<script>alert(1)</script>", action: "mark" },
      { code: BIRTH, action: "mark", note: "x".repeat(50_000) },
      { code: BIRTH, action: "mark", note: "\u0000\u0001 ghi chú" },
      { code: "\u0000", action: "clear" },
      { code: BIRTH, action: "clear", q: "<script>alert(1)</script>" },
    ];
    for (const fields of bodies) {
      const res = await postForm(t.app, editor, REVIEW, fields);
      expect(res.statusCode, JSON.stringify(fields).slice(0, 80)).toBeLessThan(500);
      expect(res.body).not.toContain("<script>alert");
    }
    const rnd = seededRandom(20261118);
    for (let i = 0; i < 40; i++) {
      const body = hostileBody(rnd, ["code", "note", "action", "q"], editor.csrf);
      const res = await t.app.inject({
        method: "POST",
        url: REVIEW,
        headers: {
          cookie: editor.cookie,
          ...(body.contentType ? { "content-type": body.contentType } : {}),
        },
        payload: body.payload,
      });
      expect(res.statusCode, `seed ${rnd.seed} body ${i}`).toBeLessThan(500);
      const query = await getAs(t.app, editor, `${PAGE}${hostileQuery(rnd, ["q"])}`);
      expect(query.statusCode, `seed ${rnd.seed} query ${i}`).toBeLessThan(500);
    }
    for (const q of ["q=%3Cscript%3E", `q=${"x".repeat(5000)}`, "q=a&q=b", "q=%00"]) {
      const res = await getAs(t.app, editor, `${PAGE}?${q}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.body).not.toContain("<script>");
    }
    // Whatever the junk did, any mark it left is of a real procedure.
    for (const row of await t.database.db.select().from(kbProcedureReviews))
      expect(t.site.kb.get(row.procedureCode)).toBeDefined();
  });
});
