import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis } from "../../../app/redis.js";
import { type Bot, createBot } from "../../../bot/core/create-bot.js";
import { createRedisSessionStore } from "../../../bot/core/redis-session-store.js";
import { bundledKnowledgeBase, silentLogger } from "../../helpers/knowledge.js";
import { createTestRedis } from "../../helpers/redis.js";

describe("conversation core", () => {
  const r = createTestRedis();
  let bot: Bot;
  let n = 0;
  const say = (text: string, conversation = "c1") =>
    bot.handle({ channel: "test", conversation, user: "u1", text, kind: "text", messageId: String(++n) });
  const press = (payload: string, conversation = "c1") =>
    bot.handle({ channel: "test", conversation, user: "u1", payload, kind: "payload" });

  beforeAll(() => {
    bot = createBot({
      kb: bundledKnowledgeBase(),
      logger: silentLogger,
      sessions: createRedisSessionStore(r.redis, { ttlSeconds: 600, prefix: r.prefix }),
    });
  });
  afterAll(() => r.dispose());

  it("answers a procedure question with the asked part first and buttons for the rest", async () => {
    const { replies, meta } = await say("đăng ký khai sinh cho con cần những giấy tờ gì");
    expect(meta).toMatchObject({ action: "answer", codes: ["1.001193"], fields: ["documents"] });
    expect(replies[0]?.text).toContain("1.001193");
    expect(replies[0]?.text).toMatch(/hồ sơ/i);
    expect(replies.every((m) => m.text.length <= 2000)).toBe(true);
    expect(replies.at(-1)?.buttons.length).toBeGreaterThan(0);
  });

  it("answers the first of two asks and offers the other behind a button", async () => {
    const { replies, meta } = await say(
      "Em sắp cưới, đăng ký kết hôn ở xã cần giấy tờ gì ạ? Với lại chồng em muốn đổi giấy phép lái xe thì làm ở đâu?",
      "two-asks",
    );
    expect(meta).toMatchObject({ action: "answer" });
    const other = replies.at(-1);
    expect(other?.text).toMatch(/^Bạn cũng hỏi về thủ tục dưới đây/);
    const button = other?.buttons[0];
    expect(button?.label).toMatch(/^Đổi giấy phép lái xe/);
    const picked = await press(button?.payload as string, "two-asks");
    expect(picked.meta).toMatchObject({ action: "answer", intent: "kb_pick" });
    expect(picked.meta.codes).not.toEqual(meta.codes);
  });

  it("takes a bare request as asking what to prepare, and shows the overview with the dossier", async () => {
    const { replies, meta } = await say("dang ky ket hon", "bare");
    expect(meta).toMatchObject({ action: "answer", codes: ["1.000894"], fields: ["documents"] });
    expect(replies[0]?.text).toContain("TÓM TẮT");
    expect(replies[0]?.text).toMatch(/Hồ sơ: /);
  });

  it("resolves a follow-up against the last procedure, and a button shows that part", async () => {
    const { meta } = await say("thế lệ phí bao nhiêu");
    expect(meta).toMatchObject({ action: "answer", codes: ["1.001193"], fields: ["fee"] });
    const { replies, meta: pressed } = await press("field|1.001193|time");
    expect(pressed).toMatchObject({ codes: ["1.001193"], fields: ["time"] });
    expect(replies[0]?.text).toMatch(/ngày/i);
  });

  it("understands a question typed without diacritics", async () => {
    const { meta } = await say("lam giay khai sinh cho con can gi", "c2");
    expect(meta.codes).toEqual(["1.001193"]);
  });

  it("keeps conversations apart", async () => {
    const { meta } = await say("nộp ở đâu", "c3");
    expect(meta.action).toBe("out_of_scope");
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["😀😀👍", "non_text"],
    ["x".repeat(10_000), "too_long"],
  ])("answers unusable input %#  politely", async (text, intent) => {
    const { replies, meta } = await say(text, "bad");
    expect(meta.intent).toBe(intent);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(
      /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i,
    );
  });

  it("greets, helps, and treats an unknown button politely", async () => {
    expect((await say("xin chào", "g")).meta.intent).toBe("greeting");
    expect((await say("/start", "g")).meta.intent).toBe("start");
    expect((await press("pick|9.999999", "g")).meta.intent).toBe("unknown_button");
    expect((await press("garbage", "g")).meta.intent).toBe("unknown_button");
  });

  it("says politely when something is not in the knowledge base", async () => {
    const { replies, meta } = await say("hôm nay trời có mưa không", "oos");
    expect(meta.action).toBe("out_of_scope");
    expect(replies[0]?.text).toMatch(/chưa tìm thấy/);
  });

  it("answers English chit-chat politely in Vietnamese and passes /hoi questions on", async () => {
    const english = await say("what is the weather like today?", "en");
    expect(english.meta.action).toBe("out_of_scope");
    expect(english.replies[0]?.text).toMatch(/Xin lỗi/);
    const asked = await say("/hoi đăng ký khai sinh cần giấy tờ gì", "cmd");
    expect(asked.meta).toMatchObject({ action: "answer", codes: ["1.001193"] });
    expect((await say("/huy", "cmd")).meta.intent).toBe("cancel");
    expect((await say("lệ phí bao nhiêu", "cmd")).meta.action).toBe("out_of_scope");
  });

  it("lets the conversation settle an ambiguous question: same field first, then earlier topics", async () => {
    await say("đăng ký hộ kinh doanh cần giấy tờ gì", "hkd");
    const first = await press("pick|1.001612", "hkd");
    expect(first.meta).toMatchObject({ action: "answer", codes: ["1.001612"], fields: ["documents"] });
    const field = bundledKnowledgeBase().get("1.001612")?.field;
    const closing = await say("giờ muốn đóng cửa luôn thì sao", "hkd");
    expect(closing.meta.action).toBe("answer");
    const closed = bundledKnowledgeBase().get(closing.meta.codes[0] as string);
    expect(closed?.field).toBe(field);
    expect(closed?.name).toMatch(/chấm dứt|tạm ngừng/i);
    await say("đăng ký khai tử cho bố", "hkd");
    const back = await say("quay lại chuyện hộ kinh doanh, đóng cửa thì sao", "hkd");
    expect(back.meta.codes[0]).toBe(closing.meta.codes[0]);
  });

  it("keeps a follow-up after a question it could not answer on that topic, not the one before", async () => {
    expect((await say("đăng ký khai sinh cho con cần gì", "oos-follow")).meta).toMatchObject({
      action: "answer",
      codes: ["1.001193"],
    });
    expect((await say("xin trợ cấp thất nghiệp", "oos-follow")).meta?.action).toBe("out_of_scope");
    const after = await say("nộp ở đâu", "oos-follow");
    expect(after.meta?.action).toBe("out_of_scope");
    expect(after.meta?.codes).toEqual([]);
    // A topic named again is answered as usual.
    expect((await say("khai sinh nộp ở đâu", "oos-follow")).meta).toMatchObject({ codes: ["1.001193"] });
  });

  it("still answers when Redis is unreachable", async () => {
    const down = createRedis("redis://127.0.0.1:1");
    down.on("error", () => {});
    const lonely = createBot({
      kb: bundledKnowledgeBase(),
      logger: silentLogger,
      sessions: createRedisSessionStore(down, { ttlSeconds: 60 }),
    });
    const { meta } = await lonely.handle({
      channel: "test",
      conversation: "x",
      user: "u",
      text: "đăng ký khai sinh",
    });
    expect(meta.codes).toEqual(["1.001193"]);
    down.disconnect();
  });
});
