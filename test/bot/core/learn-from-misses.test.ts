import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../../bot/core/create-bot.js";
import { encodeLearnAction } from "../../../bot/core/features/learn-payloads.js";
import { createRedisSessionStore } from "../../../bot/core/redis-session-store.js";
import type { InboundMessage, TurnResult } from "../../../bot/core/types.js";
import type { Database } from "../../../db/client.js";
import { kbFollowers, kbMisses, kbVotes } from "../../../db/schema.js";
import { createLearningService } from "../../../feedback/learning/learning-service.js";
import { LEARNED_TEXTS } from "../../../knowledge/compose/compose-learned.js";
import { testFeedbackService } from "../../helpers/bot.js";
import { createTestDatabase } from "../../helpers/databases.js";
import { bundledKnowledgeBase, silentLogger } from "../../helpers/knowledge.js";
import { createTestRedis } from "../../helpers/redis.js";
import { TEST_NOW } from "../../helpers/test-clock.js";

const buttonsOf = (t: TurnResult) => t.replies.flatMap((r) => r.buttons);

describe("learning from the questions the bot could not answer", () => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let bot: Bot;
  let n = 0;
  const send = (conversation: string, rest: Partial<InboundMessage>) =>
    bot.handle({ channel: "test", conversation, user: `u-${conversation}`, messageId: `m${++n}`, ...rest });
  const say = (c: string, text: string) => send(c, { text, kind: "text" });
  const press = (c: string, payload: string) => send(c, { payload, kind: "payload" });

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pglite"));
    bot = createBot({
      kb: bundledKnowledgeBase(),
      logger: silentLogger,
      sessions: createRedisSessionStore(r.redis, { ttlSeconds: 600, prefix: `${r.prefix}session:` }),
      feedback: testFeedbackService(database.db),
      learning: createLearningService({ db: database.db, now: () => TEST_NOW }),
    });
  });
  afterAll(async () => {
    await dispose();
    await r.dispose();
  });

  it("logs a question it found nothing for without the sender, and keeps a follower only on request", async () => {
    const turn = await say("c1", "Cho tôi hỏi chuyện nuôi ong lấy mật trên núi, số tôi 0912 345 678");
    expect(turn.meta.action).toBe("out_of_scope");
    const follow = buttonsOf(turn).find((b) => b.label === LEARNED_TEXTS.follow);
    expect(follow).toBeDefined();
    const [miss] = await database.db.select().from(kbMisses);
    expect(miss).toMatchObject({ kind: "not_found", channel: "test", lessonId: null });
    expect(miss?.createdAt.toISOString()).toBe(TEST_NOW.toISOString());
    expect(miss?.text).toContain("nuôi ong");
    expect(miss?.text).not.toMatch(/0912|345 678/);
    expect(JSON.stringify(miss)).not.toContain("u-c1");
    expect(await database.db.select().from(kbFollowers)).toHaveLength(0);

    const done = await press("c1", follow?.payload as string);
    expect(done.replies.map((x) => x.text)).toEqual([LEARNED_TEXTS.followed]);
    // A second press is the same follower.
    await press("c1", follow?.payload as string);
    const followers = await database.db.select().from(kbFollowers);
    expect(followers).toHaveLength(1);
    expect(followers[0]).toMatchObject({ missId: miss?.id, channel: "test", conversation: "c1" });
  });

  it("puts 'Đúng ý tôi' and 'Chưa đúng' under an answer; 'Chưa đúng' logs the question it answered", async () => {
    const answer = await say("c2", "đăng ký khai sinh cho con");
    expect(answer.meta).toMatchObject({ action: "answer", codes: ["1.001193"] });
    const labels = answer.replies.at(-1)?.buttons.map((b) => b.label);
    expect(labels).toEqual(expect.arrayContaining([LEARNED_TEXTS.helpful, LEARNED_TEXTS.unhelpful]));
    // The answer's own messages are not changed for other conversations (a cached, shared reply).
    expect(
      answer.replies.slice(0, -1).every((m) => !m.buttons.some((b) => b.label === LEARNED_TEXTS.helpful)),
    ).toBe(true);

    const up = await press("c2", encodeLearnAction({ type: "vote", helpful: true, code: "1.001193" }));
    expect(up.replies[0]?.text).toBe(LEARNED_TEXTS.thanks);
    const down = await press("c2", encodeLearnAction({ type: "vote", helpful: false, code: "1.001193" }));
    expect(down.replies[0]?.text).toBe(LEARNED_TEXTS.sorry);
    expect(down.replies[0]?.buttons.map((b) => b.label)).toEqual([
      LEARNED_TEXTS.follow,
      "Gửi câu hỏi cho cán bộ",
    ]);
    const votes = await database.db.select().from(kbVotes).where(eq(kbVotes.procedureCode, "1.001193"));
    expect(votes.map((v) => v.helpful).sort()).toEqual([false, true]);
    const [unhelpful] = await database.db.select().from(kbMisses).where(eq(kbMisses.kind, "unhelpful"));
    expect(unhelpful).toMatchObject({ text: "đăng ký khai sinh cho con" });
    expect(unhelpful?.candidates[0]?.code).toBe("1.001193");
  });

  it("notes which candidate a citizen picked after a choice", async () => {
    const choice = await say("c3", "xin giấy phép");
    expect(choice.meta.action).toBe("clarify");
    const pick = buttonsOf(choice).find((b) => b.payload.startsWith("pick|"));
    await press("c3", pick?.payload as string);
    const [miss] = await database.db.select().from(kbMisses).where(eq(kbMisses.kind, "clarify"));
    expect(miss?.chosenCode).toBe(pick?.payload.split("|")[1]);
  });

  it("gives an answer whose runner-up was nearly as good, and logs it for the editors", async () => {
    const turn = await say("c5", "làm sổ bảo hiểm xã hội");
    expect(turn.meta.action).toBe("answer");
    expect(buttonsOf(turn).some((b) => b.label === LEARNED_TEXTS.follow)).toBe(false);
    const [miss] = await database.db.select().from(kbMisses).where(eq(kbMisses.kind, "unsure"));
    expect(miss?.text).toBe("làm sổ bảo hiểm xã hội");
    expect(miss?.candidates.map((c) => c.code)).toContain(turn.meta.codes[0]);
  });

  it("answers a forged or stale learning button politely", async () => {
    const stale = await press("c4", encodeLearnAction({ type: "follow", missId: 999_999 }));
    expect(stale.replies[0]?.text).toBe(LEARNED_TEXTS.followFailed);
    const forged = await press("c4", "learn|follow|x; drop table");
    expect(forged.meta.intent).toBe("unknown_button");
  });
});
