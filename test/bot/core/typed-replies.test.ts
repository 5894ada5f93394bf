import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { pakn } from "../../../db/schema.js";
import { createTestDatabase } from "../../helpers/databases.js";
import { createTestRedis } from "../../helpers/redis.js";
import { TEST_NOW } from "../../helpers/test-clock.js";
import { CONTENT, labelsOf, paknBot, textOf } from "./pakn-harness.js";

/** A reported problem the bot offers to file (no procedure question in it). */
const REPORT = "Đường làng thôn 5 ngập nước mấy tuần nay không ai xử lý, học sinh phải lội nước đi học";

describe("typed answers to the questions the bot asks", () => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let t: ReturnType<typeof paknBot>;
  const rowsOf = (conversation: string) =>
    database.db
      .select()
      .from(pakn)
      .where(eq(pakn.channelUser, `user-${conversation}`));

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pg"));
    t = paknBot(r, database.db, { now: () => TEST_NOW });
  });
  afterAll(async () => {
    await dispose();
    await r.dispose();
  });

  it.each(["có", "co", "ok", "ừ", "đúng rồi", "1", "Có ạ", "dạ có", "có, gửi giúp tôi"])(
    "“%s” typed after the offer goes on with the complaint",
    async (yes) => {
      const conversation = `yes-${yes}`;
      const offer = await t.say(conversation, REPORT);
      expect(offer.meta.intent).toBe("feedback_offer");
      const next = await t.say(conversation, yes);
      expect(next.meta.intent).toBe("feedback_step");
      expect(textOf(next)).not.toMatch(/chưa tìm thấy thủ tục/);
      // The offered message is the content; the next question is the place (or the related procedure).
      expect(textOf(next)).toMatch(/xảy ra ở đâu|liên quan đến thủ tục/);
    },
  );

  it.each(["không", "ko", "thôi", "Không ạ", "bỏ qua"])(
    "“%s” typed after the offer ends it politely, and a second one is not a lost question",
    async (no) => {
      const conversation = `no-${no}`;
      await t.say(conversation, REPORT);
      const declined = await t.say(conversation, no);
      expect(declined.meta.intent).toBe("feedback_declined");
      expect(textOf(declined)).toMatch(/không gửi phản ánh này/);
      expect(textOf(declined)).not.toMatch(/chưa tìm thấy thủ tục/);
      const again = await t.say(conversation, no);
      expect(again.meta.intent).toBe("no_question");
      expect(textOf(again)).not.toMatch(/chưa tìm thấy thủ tục/);
      expect(labelsOf(again)).toEqual(["Gửi phản ánh, kiến nghị"]);
    },
  );

  it("asks the offer again, naming the choices, when a short reply fits none; a new question moves on", async () => {
    await t.say("unclear", REPORT);
    const unclear = await t.say("unclear", "hả?");
    expect(unclear.meta.intent).toBe("feedback_step");
    expect(textOf(unclear)).toContain("1 hoặc “có”: Gửi phản ánh");
    expect(textOf(unclear)).toContain("2 hoặc “không”: Không, tôi muốn hỏi thủ tục");
    expect(labelsOf(unclear)).toEqual(["Gửi phản ánh", "Không, tôi muốn hỏi thủ tục"]);
    const yes = await t.say("unclear", "ok");
    expect(textOf(yes)).toMatch(/xảy ra ở đâu|liên quan đến thủ tục/);

    await t.say("moved-on", REPORT);
    const question = await t.say("moved-on", "đăng ký khai sinh cần giấy tờ gì");
    expect(question.meta).toMatchObject({ action: "answer", codes: ["1.001193"] });
  });

  it("after /phananh, typed content is a phản ánh and goes on; typed kinds and numbers pick", async () => {
    await t.say("kind-content", "/phananh");
    const content = await t.say("kind-content", CONTENT);
    expect(textOf(content)).not.toMatch(/phản ánh hay kiến nghị/);
    expect(textOf(content)).toMatch(/xảy ra ở đâu|liên quan đến thủ tục/);

    for (const [typed, kind] of [
      ["kiến nghị", "kien_nghi"],
      ["kien nghi", "kien_nghi"],
      ["2", "kien_nghi"],
      ["phản ánh", "phan_anh"],
      ["1", "phan_anh"],
    ] as const) {
      const conversation = `kind-${typed}`;
      await t.say(conversation, "/phananh");
      const picked = await t.say(conversation, typed);
      expect(textOf(picked), typed).toMatch(
        kind === "kien_nghi" ? /nêu nội dung kiến nghị/ : /mô tả sự việc/,
      );
    }
    await t.say("kind-yes", "/phananh");
    const yes = await t.say("kind-yes", "có");
    expect(textOf(yes)).toMatch(/Tôi chưa rõ bạn chọn gì/);
    expect(textOf(yes)).toContain("Phản ánh");
    expect(labelsOf(yes)).toEqual(["Phản ánh", "Kiến nghị", "Khiếu nại, tố cáo"]);
  });

  it("files a PAKN answered only by typing, each answer in its own column", async () => {
    const c = "typed-all";
    await t.say(c, REPORT);
    const step = await t.say(c, "có");
    // Either the related procedure or the place is asked; "không" answers the first, a place the second.
    if (/liên quan đến thủ tục/.test(textOf(step))) await t.say(c, "không");
    const photos = await t.say(c, "Thôn 5, xã Hòa Tiến");
    expect(textOf(photos)).toMatch(/ảnh chụp hiện trường/);
    const consent = await t.say(c, "không có ảnh");
    expect(labelsOf(consent)).toEqual(["Đồng ý", "Không đồng ý"]);
    const unclearConsent = await t.say(c, "là sao");
    expect(textOf(unclearConsent)).toContain("2 hoặc “không”: Không đồng ý");
    expect(textOf(await t.say(c, "ừ"))).toMatch(/họ và tên/);
    await t.say(c, "Lê Thị Hoa");
    await t.say(c, "0905 123 456");
    const review = await t.say(c, "Tổ 2, phường Hòa Khánh, TP Đà Nẵng");
    expect(textOf(review)).toMatch(/kiểm tra lại/);
    expect(textOf(await t.say(c, "hmm"))).toMatch(/Tôi chưa rõ bạn chọn gì/);
    const done = await t.say(c, "ok");
    expect(done.meta.feedback_code).toMatch(/PAKN\.\d{8}\.\d{4}/);
    const [row] = await rowsOf(c);
    expect(row).toMatchObject({
      code: done.meta.feedback_code,
      kind: "phan_anh",
      content: REPORT,
      place: "Thôn 5, xã Hòa Tiến",
      contactName: "Lê Thị Hoa",
      contactPhone: "0905123456",
      contactAddress: "Tổ 2, phường Hòa Khánh, TP Đà Nẵng",
    });
    expect(row?.consentAt).toBeInstanceOf(Date);
    // The consent's time is the bot's clock, not the machine's.
    expect(row?.consentAt?.toISOString()).toBe(TEST_NOW.toISOString());
  });

  it("keeps the place out of the content when the kind was never chosen by button", async () => {
    const c = "typed-phananh";
    await t.say(c, "/phananh");
    await t.say(c, CONTENT);
    const place = await t.say(c, "Thôn 3, xã Hòa Tiến");
    expect(textOf(place)).toMatch(/ảnh chụp hiện trường/);
    await t.say(c, "bo qua");
    await t.say(c, "dong y");
    await t.say(c, "Nguyễn Văn Bình");
    await t.say(c, "0912 000 111");
    await t.say(c, "Thôn 3, xã Hòa Tiến, TP Đà Nẵng");
    const done = await t.say(c, "xác nhận");
    expect(done.meta.feedback_code).toMatch(/PAKN\./);
    const [row] = await rowsOf(c);
    expect(row).toMatchObject({
      kind: "phan_anh",
      content: CONTENT,
      place: "Thôn 3, xã Hòa Tiến",
      contactAddress: "Thôn 3, xã Hòa Tiến, TP Đà Nẵng",
    });
  });

  it("takes a typed no at the place and the consent, and a typed edit at the summary", async () => {
    await t.say("place-no", "/phananh");
    await t.say("place-no", "2");
    await t.say("place-no", "Đề nghị xã lắp thêm đèn chiếu sáng trên đường ra cánh đồng thôn 2");
    const photos = await t.say("place-no", "không");
    expect(textOf(photos)).toMatch(/ảnh chụp hiện trường|Bạn có đồng ý không/);
    if (/ảnh chụp/.test(textOf(photos))) await t.say("place-no", "xong");
    const refused = await t.say("place-no", "ko");
    expect(refused.meta.intent).toBe("feedback_consent_refused");
    expect(await rowsOf("place-no")).toHaveLength(0);

    await t.toReview("edit");
    const edit = await t.say("edit", "sửa nội dung");
    expect(textOf(edit)).toMatch(/gõ lại nội dung mới/);
  });

  it("answers a message that is both a complaint and a question, with the offer to file first", async () => {
    const both = await t.say(
      "both",
      "cán bộ một cửa phường đòi nộp thêm sổ hộ khẩu mới nhận hồ sơ khai sinh, vậy có đúng không",
    );
    expect(both.meta.intent).toBe("feedback_offer");
    expect(both.meta.action).toBe("answer");
    expect(labelsOf(both)[0]).toBe("Gửi phản ánh");
    expect(both.replies.length).toBeGreaterThan(1);
    expect(textOf(both)).not.toMatch(/Bạn đang hỏi về thủ tục nào/);
    // The procedure answered is the one the citizen named.
    expect(both.replies[1]?.text.split("\n")[0]).toMatch(/khai sinh/i);
    const filing = await t.say("both", "có");
    expect(filing.meta.intent).toBe("feedback_step");

    // A report that asks a question naming no procedure gets the offer alone, never a stray procedure.
    const unnamed = await t.say("both-unnamed", "đường làng ngập nước mấy tuần nay có ai xử lý không");
    expect(unnamed.meta.intent).toBe("feedback_offer");
    expect(unnamed.meta.codes).toEqual([]);
    expect(labelsOf(unnamed)).toEqual(["Gửi phản ánh", "Không, tôi muốn hỏi thủ tục"]);
  });

  it("sends the question nothing was found for to an officer on a typed “có”, only right after it", async () => {
    const elsewhere = await t.say("handoff", "tôi muốn hỏi về việc xin học bổng du học nhật bản cho con");
    expect(labelsOf(elsewhere)).toContain("Gửi câu hỏi cho cán bộ");
    const yes = await t.say("handoff", "có");
    expect(yes.meta.intent).toBe("feedback_step");
    expect(textOf(yes)).not.toMatch(/Bạn cần hỏi thủ tục hành chính nào/);

    await t.say("handoff-later", "tôi muốn hỏi về việc xin học bổng du học nhật bản cho con");
    await t.say("handoff-later", "đăng ký khai sinh cần giấy tờ gì");
    expect((await t.say("handoff-later", "có")).meta.intent).toBe("no_question");
  });

  it("offers filing in words on the welcome and under answers, and typed words start it", async () => {
    const welcome = await t.say("offer-words", "/start");
    expect(labelsOf(welcome)).toEqual(["Gửi phản ánh, kiến nghị"]);
    expect(textOf(welcome)).toContain("Gửi phản ánh, kiến nghị");
    const pressed = await t.press("offer-words", welcome.replies[0]?.buttons[0]?.payload ?? "");
    expect(textOf(pressed)).toMatch(/phản ánh hay kiến nghị/);
    await t.say("offer-words", "/huy");

    const answer = await t.say("offer-words", "đăng ký khai sinh cần giấy tờ gì");
    expect(answer.meta.action).toBe("answer");
    expect(labelsOf(answer)).toContain("Gửi phản ánh, kiến nghị");

    const typed = await t.say("typed-file", "gửi phản ánh, kiến nghị");
    expect(typed.meta.intent).toBe("feedback");
    expect(textOf(typed)).toMatch(/phản ánh hay kiến nghị/);
    const typedKind = await t.say("typed-kind", "Tôi muốn phản ánh");
    expect(textOf(typedKind)).toMatch(/mô tả sự việc/);
    const greeting = await t.say("hello", "chào bạn");
    expect(labelsOf(greeting)).toEqual(["Gửi phản ánh, kiến nghị"]);
  });
});
