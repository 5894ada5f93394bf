import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../../bot/core/create-bot.js";
import { createRedisSessionStore } from "../../../bot/core/redis-session-store.js";
import type { InboundMessage } from "../../../bot/core/types.js";
import type { Database } from "../../../db/client.js";
import { pakn } from "../../../db/schema.js";
import { createFeedbackService } from "../../../feedback/feedback-service.js";
import { loadWorkingCalendar } from "../../../feedback/holidays-file.js";
import { workingDayDueDates } from "../../../feedback/pakn-due-dates.js";
import { createTestDatabase, DRIVERS } from "../../helpers/databases.js";
import { bundledKnowledgeBase, silentLogger } from "../../helpers/knowledge.js";
import { createTestRedis } from "../../helpers/redis.js";

/** Tuesday 10 March 2026, 10:00 in Viet Nam. */
const NOW = new Date("2026-03-10T03:00:00Z");
const NUL = "\u0000";

describe.each(DRIVERS)("the input guard on %s", (driver) => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let say: (text: string) => Promise<Awaited<ReturnType<ReturnType<typeof createBot>["handle"]>>>;
  let press: (payload: string) => ReturnType<typeof say>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    const bot = createBot({
      kb: bundledKnowledgeBase(),
      logger: silentLogger,
      sessions: createRedisSessionStore(r.redis, { ttlSeconds: 600, prefix: `${r.prefix}session:` }),
      feedback: createFeedbackService({
        db: database.db,
        dueDates: workingDayDueDates(loadWorkingCalendar()),
        now: () => NOW,
      }),
    });
    let n = 0;
    const send = (rest: Partial<InboundMessage>) =>
      bot.handle({ channel: "test", conversation: "nul", user: "user-nul", messageId: `m${++n}`, ...rest });
    say = (text) => send({ text, kind: "text" });
    press = (payload) => send({ payload, kind: "payload" });
  });
  afterAll(async () => {
    await dispose();
    await r.dispose();
  });

  it("files and acknowledges a PAKN whose texts carry NUL and other control characters", async () => {
    await say("/phananh");
    await press("pakn|kind|phan_anh");
    await say(
      `Đoạn đường liên thôn 3 bị ngập${NUL} sâu nửa mét mỗi khi mưa,\u0007 học sinh không đi học được`,
    );
    await say(`Thôn 3,${NUL} xã Hòa Tiến`);
    await press("pakn|skip");
    await press("pakn|yes");
    await say(`Nguyễn${NUL} Văn An`);
    await say(`0912 345 678${NUL}`);
    const review = await say(`Thôn 3, xã Hòa Tiến,${NUL}\u001b TP Đà Nẵng`);
    expect(review.replies.map((m) => m.text).join("\n")).toContain("Nguyễn Văn An");
    const done = await press("pakn|send");
    const code = done.meta.feedback_code;
    expect(code).toMatch(/^PAKN\.20260310\.\d{4}$/);
    expect(done.replies.map((m) => m.text).join("\n")).toContain(code as string);
    const [row] = await database.db
      .select()
      .from(pakn)
      .where(eq(pakn.code, code as string));
    expect(row).toMatchObject({
      content: "Đoạn đường liên thôn 3 bị ngập sâu nửa mét mỗi khi mưa, học sinh không đi học được",
      place: "Thôn 3, xã Hòa Tiến",
      contactName: "Nguyễn Văn An",
      contactPhone: "0912345678",
      contactAddress: "Thôn 3, xã Hòa Tiến, TP Đà Nẵng",
    });
    expect(row?.receivedAt).toEqual(NOW);
  });

  it("takes a complaint's content up to its own limit, longer than a question's", async () => {
    const story =
      `Đoạn đường liên thôn 3 bị ngập sâu mỗi khi mưa. ${"Học sinh phải lội nước đến trường. ".repeat(40)}`.trim();
    expect(story.length).toBeGreaterThan(1_000);
    expect(story.length).toBeLessThan(2_000);
    const asked = await say(story);
    expect(asked.meta.intent).toBe("too_long");
    await say("/phananh");
    await press("pakn|kind|phan_anh");
    const taken = await say(story);
    expect(taken.meta.intent).not.toBe("too_long");
    // The intake goes on to its next question rather than asking to shorten.
    expect(taken.replies.map((m) => m.text).join("\n")).not.toMatch(/hơi dài/);
    await press("pakn|cancel");
  });

  it("takes a message of control characters only as an empty one", async () => {
    const res = await say(`${NUL}\u0001\u007f`);
    expect(res.meta.intent).toBe("empty");
  });
});
