import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kbLessonPhrases, kbLessons } from "../../../db/schema.js";
import { answerPakn } from "../../../feedback/answer-pakn.js";
import { loadLessons } from "../../../feedback/learning/lesson-repo.js";
import { createPakn, transitionPakn } from "../../../feedback/pakn-repo.js";
import { getAs, postForm, type Session, withFlash } from "../../helpers/console-http.js";
import { bundledKnowledgeBase } from "../../helpers/knowledge.js";
import { createTestOfficer, signInOfficer } from "../../helpers/officers.js";
import { confirmedPakn } from "../../helpers/pakn.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

const QUESTION =
  "Tôi là Trần Thị Hoa, nhà tôi nuôi ong lấy mật ở thôn 5. Mất mùa do rét thì có được hỗ trợ gì không?";
const PARAPHRASE = "nhà em nuôi ong lấy mật, bị mất mùa do rét thì có được hỗ trợ không ạ";
const ANSWER =
  "Hộ nuôi ong bị thiệt hại do thiên tai được xem xét hỗ trợ theo Nghị định 9/2025/NĐ-CP; bà Hoa liên hệ UBND xã để kê khai.";

describe("an answered question ticket becomes an answer of the assistant in one step", () => {
  const kb = bundledKnowledgeBase();
  let t: TestSite;
  let coordinator: Session;
  let officer: Session;
  let code: string;

  beforeAll(async () => {
    kb.setLessons([]);
    t = await buildTestSite({
      driver: "pglite",
      site: { refreshLessons: async () => kb.setLessons(await loadLessons(t.database.db)) },
    });
    const c = await createTestOfficer(t.database.db, { role: "coordinator" });
    coordinator = await signInOfficer(t.app, { email: c.officer.email, password: c.password });
    const o = await createTestOfficer(t.database.db, { role: "officer", agencyId: "so-nong-nghiep" });
    officer = await signInOfficer(t.app, { email: o.officer.email, password: o.password });
    const { row } = await createPakn(
      t.database.db,
      confirmedPakn("ticket-1", {
        kind: "question",
        content: QUESTION,
        contact: { name: "Trần Thị Hoa", phone: "0987654321", address: "Thôn 5, xã Đông" },
      }),
    );
    code = row.code;
    await transitionPakn(t.database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: "so-nong-nghiep" },
    });
    await answerPakn({ db: t.database.db }, { paknId: row.id, actor: "o", answer: ANSWER });
  });
  afterAll(async () => {
    kb.setLessons([]);
    await t.dispose();
  });

  it("offers the step to a coordinator, not to an officer; the redacted pair then answers others at once", async () => {
    const page = await getAs(t.app, coordinator, `/officer/pakn/${code}`);
    expect(page.body).toContain("Thêm vào trợ lý hỏi đáp");
    expect((await getAs(t.app, officer, `/officer/pakn/${code}`)).body).not.toContain(
      "Thêm vào trợ lý hỏi đáp",
    );
    const denied = await postForm(t.app, officer, `/officer/pakn/${code}/thanh-cau-tra-loi`, {});
    expect(denied.statusCode).toBe(404);

    const before = kb.decide(PARAPHRASE);
    expect(before.lesson).toBeUndefined();
    const res = await postForm(t.app, coordinator, `/officer/pakn/${code}/thanh-cau-tra-loi`, {
      source: "Nghị định 9/2025/NĐ-CP",
    });
    expect(res.statusCode).toBe(303);
    const shown = await getAs(
      t.app,
      withFlash(coordinator, res.headers["set-cookie"]),
      `/officer/pakn/${code}`,
    );
    expect(shown.body).toContain("Đã thêm vào trợ lý hỏi đáp");

    const [lesson] = await t.database.db.select().from(kbLessons);
    const [phrase] = await t.database.db.select().from(kbLessonPhrases);
    expect(lesson).toMatchObject({ kind: "faq", source: "Nghị định 9/2025/NĐ-CP" });
    for (const text of [lesson?.answer, phrase?.text]) expect(text).not.toMatch(/Hoa|0987/);
    const after = kb.decide(PARAPHRASE);
    expect(after).toMatchObject({
      action: "answer",
      lesson: { kind: "faq", source: "Nghị định 9/2025/NĐ-CP" },
    });

    // The lesson is data: the editors download every live lesson with its phrasings.
    const exported = await getAs(t.app, coordinator, "/officer/tri-thuc/bai-hoc.jsonl");
    expect(exported.headers["content-type"]).toContain("application/x-ndjson");
    const lines = exported.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ kind: "faq", source: "Nghị định 9/2025/NĐ-CP", phrases: [phrase?.text] }),
    ]);
    expect((await getAs(t.app, officer, "/officer/tri-thuc/bai-hoc.jsonl")).statusCode).toBe(404);

    const again = await postForm(t.app, coordinator, `/officer/pakn/${code}/thanh-cau-tra-loi`, {});
    const note = await getAs(
      t.app,
      withFlash(coordinator, again.headers["set-cookie"]),
      `/officer/pakn/${code}`,
    );
    expect(note.body).toContain("đã được thêm vào trợ lý hỏi đáp trước đó");
    expect(await t.database.db.select().from(kbLessons)).toHaveLength(1);
  });

  it("answers junk codes and unanswered tickets without a 5xx", async () => {
    for (const bad of ["x", "PAKN.20261118.9999", "%00", "a".repeat(300)]) {
      const res = await postForm(
        t.app,
        coordinator,
        `/officer/pakn/${encodeURIComponent(bad)}/thanh-cau-tra-loi`,
        {},
      );
      expect(res.statusCode).toBeLessThan(500);
    }
  });
});
