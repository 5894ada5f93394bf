import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATE_TEXTS } from "../../../bot/core/features/pakn-rate.js";
import type { Database } from "../../../db/client.js";
import { pakn } from "../../../db/schema.js";
import { answerPakn, approvePakn, publishPakn } from "../../../feedback/answer-pakn.js";
import { createPakn, transitionPakn } from "../../../feedback/pakn-repo.js";
import { encodeRatingPayload } from "../../../feedback/rating-payload.js";
import { createTestDatabase } from "../../helpers/databases.js";
import { confirmedPakn } from "../../helpers/pakn.js";
import { createTestRedis } from "../../helpers/redis.js";
import { paknBot, textOf } from "./pakn-harness.js";

describe("rating a published answer in the chat", () => {
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

  /** A PAKN the harness's user of `conversation` sent, taken to publication (or left open). */
  async function sentBy(conversation: string, id: string, publish = true) {
    const { row } = await createPakn(
      database.db,
      confirmedPakn(id, { channel: "test", channelUser: `user-${conversation}`, conversation }),
    );
    if (!publish) return row;
    await transitionPakn(database.db, { paknId: row.id, to: "assigned", actor: "system" });
    await answerPakn(
      { db: database.db },
      { paknId: row.id, actor: "o", answer: "Đã sửa xong đoạn đường bị ngập." },
    );
    await approvePakn({ db: database.db }, { paknId: row.id, actor: "l" });
    await publishPakn({ db: database.db }, { paknId: row.id, actor: "l" });
    return row;
  }
  const ratingOf = async (id: number) =>
    (await database.db.select().from(pakn).where(eq(pakn.id, id)))[0]?.rating;

  it("thanks the citizen for a button press and keeps the rating; a second press replaces it", async () => {
    const row = await sentBy("c1", "chat-rate-1");
    const first = await chat.press("c1", encodeRatingPayload(row.code, 5));
    expect(textOf(first)).toBe(RATE_TEXTS.thanks);
    expect(first.meta).toMatchObject({ intent: "feedback_rate", feedback_code: row.code });
    expect(await ratingOf(row.id)).toBe(5);
    await chat.press("c1", encodeRatingPayload(row.code, 3));
    expect(await ratingOf(row.id)).toBe(3);
  });

  it("refuses another person's code, an unpublished one and a malformed button", async () => {
    const row = await sentBy("c2", "chat-rate-2");
    expect(textOf(await chat.press("c3", encodeRatingPayload(row.code, 1)))).toBe(RATE_TEXTS.notFound);
    expect(await ratingOf(row.id)).toBeNull();
    const open = await sentBy("c2", "chat-rate-3", false);
    expect(textOf(await chat.press("c2", encodeRatingPayload(open.code, 4)))).toContain(
      "chưa có câu trả lời",
    );
    expect(textOf(await chat.press("c2", `rate|${row.code}|9`))).toBe(RATE_TEXTS.notFound);
    expect(await ratingOf(row.id)).toBeNull();
  });

  it("takes a bare typed number as the rating of an answer waiting for one, and leaves other numbers alone", async () => {
    const nothing = await chat.say("c4", "4");
    expect(nothing.meta.intent).not.toBe("feedback_rate");
    const row = await sentBy("c4", "chat-rate-4");
    const typed = await chat.say("c4", "4");
    expect(textOf(typed)).toBe(RATE_TEXTS.thanks);
    expect(await ratingOf(row.id)).toBe(4);
    // Rated already: a later "5" is not taken as a change of mind.
    expect((await chat.say("c4", "5")).meta.intent).not.toBe("feedback_rate");
    expect(await ratingOf(row.id)).toBe(4);
  });

  it("does not take a number typed while an intake is open", async () => {
    const row = await sentBy("c5", "chat-rate-5");
    await chat.say("c5", "/phananh");
    const during = await chat.say("c5", "2");
    expect(during.meta.intent).not.toBe("feedback_rate");
    expect(await ratingOf(row.id)).toBeNull();
  });
});
