import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../../bot/core/create-bot.js";
import { createRedisSessionStore } from "../../../bot/core/redis-session-store.js";
import { decodePayload, encodePayload } from "../../../knowledge/payload.js";
import { bundledKnowledgeBase, silentLogger } from "../../helpers/knowledge.js";
import { createTestRedis } from "../../helpers/redis.js";

describe("a citizen picks a case of the dossier", () => {
  const r = createTestRedis();
  let bot: Bot;
  let n = 0;
  const say = (text: string, conversation: string) =>
    bot.handle({ channel: "test", conversation, user: "u1", text, kind: "text", messageId: String(++n) });
  const press = (payload: string, conversation: string) =>
    bot.handle({ channel: "test", conversation, user: "u1", payload, kind: "payload" });

  beforeAll(() => {
    bot = createBot({
      kb: bundledKnowledgeBase(),
      logger: silentLogger,
      sessions: createRedisSessionStore(r.redis, { ttlSeconds: 600, prefix: r.prefix }),
    });
  });
  afterAll(() => r.dispose());

  it("shows the ordinary birth papers first, then the abandoned child's papers when that case is pressed", async () => {
    const asked = await say("đăng ký khai sinh cho con cần những giấy tờ gì", "birth");
    expect(asked.meta).toMatchObject({ action: "answer", codes: ["1.001193"], fields: ["documents"] });
    const answer = asked.replies.map((m) => m.text).join("\n");
    expect(answer).toContain("Trường hợp thông thường:");
    expect(answer.indexOf("Giấy chứng sinh")).toBeLessThan(answer.indexOf("bỏ rơi"));
    const button = asked.replies.at(-1)?.buttons.find((b) => b.label === "Trẻ em bị bỏ rơi");
    expect(button).toBeDefined();
    expect(Buffer.byteLength(button?.payload ?? "", "utf8")).toBeLessThanOrEqual(64);

    const picked = await press(button?.payload ?? "", "birth");
    expect(picked.meta).toMatchObject({ intent: "kb_case", action: "answer", codes: ["1.001193"] });
    const text = picked.replies.map((m) => m.text).join("\n");
    expect(text).toContain("HỒ SƠ CẦN NỘP: TRẺ EM BỊ BỎ RƠI");
    expect(text).toContain("biên bản về việc trẻ bị bỏ rơi");
    expect(text).toContain("Kèm theo giấy tờ chung:");
    expect(picked.replies.every((m) => m.text.length <= 2000)).toBe(true);

    const back = picked.replies.at(-1)?.buttons[0];
    expect(back?.label).toBe("Trường hợp thông thường");
    const common = await press(back?.payload ?? "", "birth");
    expect(common.replies[0]?.text).toContain("HỒ SƠ CẦN NỘP: TRƯỜNG HỢP THÔNG THƯỜNG");

    const followUp = await say("thế lệ phí bao nhiêu", "birth");
    expect(followUp.meta).toMatchObject({ action: "answer", codes: ["1.001193"], fields: ["fee"] });
  });

  it("answers politely, losing nothing, when a case button no longer exists", async () => {
    for (const payload of [
      encodePayload({ type: "case", code: "1.001193", index: 99 }),
      "case|9.999999|1",
      "case|1.001193|abc",
    ]) {
      const { replies, meta } = await press(payload, "stale");
      expect(meta.intent).toBe("unknown_button");
      expect(replies[0]?.text.length).toBeGreaterThan(0);
    }
    expect(decodePayload("case|1.001193|99")).toEqual({ type: "case", code: "1.001193", index: 99 });
  });
});
