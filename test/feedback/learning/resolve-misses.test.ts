import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLessonSync } from "../../../app/lesson-sync.js";
import type { Database } from "../../../db/client.js";
import { kbFollowers, kbLessonPhrases, kbMisses, outbox } from "../../../db/schema.js";
import { followMiss, recordMiss } from "../../../feedback/learning/miss-log.js";
import { notifyFollower } from "../../../feedback/learning/notify-follower.js";
import { resolveMisses } from "../../../feedback/learning/resolve-misses.js";
import { createOfficer } from "../../../feedback/officers/officer-repo.js";
import type { ComposedMessage } from "../../../knowledge/compose/index.js";
import { createTestDatabase } from "../../helpers/databases.js";
import { bundledKnowledgeBase, silentLogger } from "../../helpers/knowledge.js";
import { TEST_NOW } from "../../helpers/test-clock.js";

describe("turning misses into lessons", () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let officerId: number;
  const kb = bundledKnowledgeBase();
  const deps = () => ({ db: database.db, hasProcedure: (c: string) => !!kb.get(c), now: () => TEST_NOW });
  const miss = (text: string) =>
    recordMiss(
      { db: database.db, now: () => TEST_NOW },
      { kind: "not_found", channel: "zalo", text, candidates: [] },
    );

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pg"));
    officerId = (
      await createOfficer(database.db, {
        email: "bt@tinh.gov.vn",
        name: "Biên Tập",
        role: "editor",
        password: "x",
        mustChangePassword: false,
      })
    ).id;
  });
  afterAll(async () => {
    kb.setLessons([]);
    await dispose();
  });

  it("links a group to a procedure: its questions become example phrasings the bot answers from, on every process", async () => {
    const ids = [
      await miss("nhà bị cháy, giấy tờ đất cháy hết giờ xin lại thế nào"),
      await miss("giấy tờ nhà đất bị cháy hết thì xin cấp lại ở đâu"),
    ];
    await followMiss({ db: database.db }, { missId: ids[0] as number, channel: "zalo", conversation: "z-1" });
    const sync = await startLessonSync({ db: database.db, kb, logger: silentLogger, intervalMs: 60_000 });
    try {
      const out = await resolveMisses(deps(), {
        missIds: ids,
        kind: "link",
        procedureCode: "1.012786",
        officerId,
      });
      expect(out).toMatchObject({ resolved: 2, followers: 1 });
      expect((await database.db.select().from(kbLessonPhrases)).map((p) => p.text).sort()).toEqual([
        "giấy tờ nhà đất bị cháy hết thì xin cấp lại ở đâu",
        "nhà bị cháy, giấy tờ đất cháy hết giờ xin lại thế nào",
      ]);
      expect((await database.db.select().from(kbMisses)).every((m) => m.lessonId === out.lessonId)).toBe(
        true,
      );
      const jobs = await database.db.select().from(outbox);
      expect(jobs.map((j) => [j.queue, j.jobId])).toEqual([
        ["kb-lesson-notify", expect.stringMatching(/^lesson-\d+$/)],
      ]);
      // Another phrasing of the same need, unaccented, is answered with the linked procedure.
      const probe = "chay nha mat het giay to dat, xin lai o dau";
      expect(kb.decide(probe).hits[0]?.procedure.code).not.toBe("1.012786");
      await sync.refresh();
      const after = kb.decide(probe);
      expect(after).toMatchObject({ action: "answer", lesson: { id: out.lessonId, kind: "link" } });
      expect(after.hits[0]?.procedure.code).toBe("1.012786");
      // A different need is not taken over.
      expect(kb.decide("đăng ký khai sinh cho con").hits[0]?.procedure.code).toBe("1.001193");
      // The same misses cannot be resolved twice.
      await expect(resolveMisses(deps(), { missIds: ids, kind: "noise", officerId })).rejects.toMatchObject({
        code: "conflict",
      });
    } finally {
      sync.stop();
    }
  });

  it("refuses an incomplete decision and keeps no personal data in an official answer", async () => {
    const id = await miss("trợ cấp cho người nuôi ong bị mất mùa ở đâu");
    await expect(
      resolveMisses(deps(), { missIds: [id], kind: "faq", answer: "Liên hệ UBND xã.", officerId }),
    ).rejects.toMatchObject({ code: "bad_request", data: { problems: [expect.stringContaining("căn cứ")] } });
    await expect(
      resolveMisses(deps(), { missIds: [id], kind: "link", procedureCode: "9.999999", officerId }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await followMiss({ db: database.db }, { missId: id, channel: "telegram", conversation: "t-9" });
    const out = await resolveMisses(deps(), {
      missIds: [id],
      kind: "faq",
      answer: "Hiện chưa có chính sách riêng. Hỏi anh Nguyễn Văn Bình, số 0912 345 678.",
      source: "Quyết định 123/QĐ-UBND",
      officerId,
    });
    const pushed: Array<{ channel: string; conversation: string; replies: ComposedMessage[] }> = [];
    const push = async (channel: string, conversation: string, replies: ComposedMessage[]) => {
      pushed.push({ channel, conversation, replies });
      return true;
    };
    const [follower] = await database.db
      .select()
      .from(kbFollowers)
      .where(eq(kbFollowers.conversation, "t-9"));
    const followerId = follower?.id as number;
    expect((await database.db.select().from(outbox)).map((j) => j.jobId)).toContain(`lesson-${followerId}`);
    const notify = () =>
      notifyFollower({ db: database.db, push, procedureOf: (c) => kb.get(c) }, { followerId });
    // Two jobs for the same follower at once (a retry, a rebuilt job): one message.
    const outcomes = await Promise.all([notify(), notify()]);
    expect(outcomes).toContain("sent");
    expect(["busy", "already_sent"]).toContain(outcomes.find((o) => o !== "sent"));
    expect(await notify()).toBe("already_sent");
    expect(pushed).toHaveLength(1);
    const text = pushed[0]?.replies.map((r) => r.text).join("\n") ?? "";
    expect(pushed[0]).toMatchObject({ channel: "telegram", conversation: "t-9" });
    expect(text).toContain("trợ cấp cho người nuôi ong");
    expect(text).toContain("Căn cứ: Quyết định 123/QĐ-UBND");
    expect(text).not.toMatch(/Bình|0912/);
    expect(out.followers).toBe(1);
  });
});
