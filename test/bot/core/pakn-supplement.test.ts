import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUPPLEMENT_TEXTS } from "../../../bot/core/features/pakn-supplement.js";
import { type Database, openDatabase } from "../../../db/client.js";
import { outbox, pakn } from "../../../db/schema.js";
import { createPakn, paknHistory, transitionPakn } from "../../../feedback/pakn-repo.js";
import { SUPPLEMENT_PAYLOADS, supplementButton } from "../../../feedback/supplement-payload.js";
import { createTestDatabase } from "../../helpers/databases.js";
import { confirmedPakn } from "../../helpers/pakn.js";
import { createTestRedis } from "../../helpers/redis.js";
import { paknBot, textOf } from "./pakn-harness.js";

const QUESTION = "Đề nghị cho biết số thửa đất và tờ bản đồ";

describe("a citizen answers an officer's request for more information", () => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let chat: ReturnType<typeof paknBot>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pglite"));
    chat = paknBot(r, database.db);
  });
  afterAll(async () => {
    await dispose();
    await r.dispose();
  });

  /** A PAKN sent from `conversation` that an officer returned with QUESTION. */
  async function returnedFrom(conversation: string, id: string) {
    const { row } = await createPakn(
      database.db,
      confirmedPakn(id, { channel: "test", channelUser: `user-${conversation}`, conversation }),
    );
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: "ubnd-xa" },
    });
    await transitionPakn(database.db, { paknId: row.id, to: "returned", actor: "officer:1", note: QUESTION });
    return row;
  }
  const statusOf = async (id: number) =>
    (await database.db.select().from(pakn).where(eq(pakn.id, id)))[0]?.status;

  it("files the next message after the button, resumes the PAKN and tells its officers through the history", async () => {
    const row = await returnedFrom("s1", "supp-1");
    const prompt = await chat.press("s1", supplementButton(row.code).payload);
    expect(textOf(prompt)).toContain(QUESTION);
    const done = await chat.say("s1", "Thửa số 123, tờ bản đồ số 45, thôn Đông");
    expect(textOf(done)).toContain("Cảm ơn bạn");
    expect(done.meta).toMatchObject({ intent: "feedback_supplement", feedback_code: row.code });
    expect(await statusOf(row.id)).toBe("in_progress");
    const last = (await paknHistory(database.db, row.id)).at(-1);
    expect(last).toMatchObject({ fromStatus: "returned", toStatus: "in_progress", actor: "citizen:test" });
    expect(last?.note).toBe("Thửa số 123, tờ bản đồ số 45, thôn Đông");
    const jobs = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.jobId, `notify-${last?.id}`));
    expect(jobs).toHaveLength(1);
    // The next message is an ordinary question again.
    const next = await chat.say("s1", "làm giấy khai sinh cần gì");
    expect(next.meta.intent).not.toBe("feedback_supplement");
  });

  it("asks before filing a message typed without the button (e.g. after the session expired)", async () => {
    const row = await returnedFrom("s2", "supp-2");
    const asked = await chat.say("s2", "thua so 77 to ban do 12");
    expect(textOf(asked)).toContain(row.code);
    expect(asked.replies[0]?.buttons.map((b) => b.payload)).toEqual([
      SUPPLEMENT_PAYLOADS.send,
      SUPPLEMENT_PAYLOADS.notIt,
    ]);
    expect(await statusOf(row.id)).toBe("returned");
    const sent = await chat.press("s2", SUPPLEMENT_PAYLOADS.send);
    expect(textOf(sent)).toContain("Cảm ơn bạn");
    expect(await statusOf(row.id)).toBe("in_progress");
  });

  it("answers the message as a question when the citizen says it was not the supplement, and stops asking", async () => {
    const row = await returnedFrom("s3", "supp-3");
    await chat.say("s3", "làm giấy khai sinh cần giấy tờ gì");
    const answered = await chat.press("s3", SUPPLEMENT_PAYLOADS.notIt);
    expect(answered.meta.intent).not.toBe("feedback_supplement");
    expect(answered.meta.codes.length).toBeGreaterThan(0);
    const again = await chat.say("s3", "lệ phí bao nhiêu");
    expect(again.meta.intent).not.toBe("feedback_supplement");
    expect(await statusOf(row.id)).toBe("returned");
    // The button still works later.
    await chat.press("s3", supplementButton(row.code).payload);
    await chat.say("s3", "Thửa số 9, tờ bản đồ số 3");
    expect(await statusOf(row.id)).toBe("in_progress");
  });

  it("takes a typed “có” or “không” to the question whether a message was the supplement", async () => {
    const row = await returnedFrom("s8", "supp-8");
    await chat.say("s8", "thua so 88 to ban do 21");
    const unclear = await chat.say("s8", "hả");
    expect(textOf(unclear)).toContain("1 hoặc “có”: Đúng, gửi bổ sung");
    expect(await statusOf(row.id)).toBe("returned");
    const sent = await chat.say("s8", "có");
    expect(textOf(sent)).toContain("Cảm ơn bạn");
    expect(await statusOf(row.id)).toBe("in_progress");
    const last = (await paknHistory(database.db, row.id)).at(-1);
    expect(last?.note).toBe("thua so 88 to ban do 21");

    const other = await returnedFrom("s9", "supp-9");
    await chat.say("s9", "làm giấy khai sinh cần giấy tờ gì");
    const answered = await chat.say("s9", "ko");
    expect(answered.meta.intent).not.toBe("feedback_supplement");
    expect(answered.meta.codes.length).toBeGreaterThan(0);
    expect(await statusOf(other.id)).toBe("returned");
  });

  it("never touches another citizen's PAKN and says so plainly", async () => {
    const row = await returnedFrom("s4", "supp-4");
    const other = await chat.press("s5", supplementButton(row.code).payload);
    expect(textOf(other)).toBe(SUPPLEMENT_TEXTS.notWaiting);
    const typed = await chat.say("s5", "Thửa số 1, tờ bản đồ số 1");
    expect(typed.meta.intent).not.toBe("feedback_supplement");
    expect(await statusOf(row.id)).toBe("returned");
  });

  it("keeps asking for a supplement that is too short, and /huy gives it up", async () => {
    const row = await returnedFrom("s6", "supp-6");
    await chat.say("s6", "/bosung");
    expect(textOf(await chat.say("s6", "ok"))).toBe(SUPPLEMENT_TEXTS.tooShort);
    await chat.say("s6", "/huy");
    const after = await chat.say("s6", "thửa số 5 tờ bản đồ 6");
    expect(after.meta.intent).not.toBe("feedback_supplement");
    expect(await statusOf(row.id)).toBe("returned");
  });
  it("answers a question at once when the database cannot be reached", async () => {
    // A server that never answers (a black-holed address): the lookup gives up, the answer does not wait.
    const gone = await openDatabase({ url: "postgres://postgres@10.255.255.1:5432/motcua", poolSize: 1 });
    try {
      const offline = paknBot(r, gone.db);
      const started = Date.now();
      const answered = await offline.say("s7", "làm giấy khai sinh cho con cần giấy tờ gì");
      expect(answered.meta.codes.length).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await gone.close().catch(() => undefined);
    }
  });
});
