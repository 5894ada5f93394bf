import { beforeEach, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../../bot/core/create-bot.js";
import { createMemorySessionStore } from "../../../bot/core/memory-session-store.js";
import { composeUnderReview } from "../../../knowledge/compose/compose-under-review.js";
import type { KnowledgeBase } from "../../../knowledge/decision-types.js";
import { createKnowledgeBase } from "../../../knowledge/knowledge-base.js";
import { silentLogger } from "../../helpers/knowledge.js";
import { makeChannel, makeProcedure } from "../../helpers/procedures.js";

const BIRTH = "1.001193";
const MARRIAGE = "1.000894";

/** A small knowledge base: the birth registration (with its agency and address) and two others. */
function smallKnowledgeBase(): KnowledgeBase {
  return createKnowledgeBase([
    makeProcedure({
      code: BIRTH,
      agencies: ["Ủy ban nhân dân cấp xã"],
      address: "Bộ phận Một cửa của Ủy ban nhân dân xã, phường",
      channels: [makeChannel({ channel: "Trực tiếp", fee: "Lệ phí : 8.000 Đồng" })],
    }),
    makeProcedure({ code: MARRIAGE, name: "Thủ tục đăng ký kết hôn", aliases: [] }),
    makeProcedure({ code: "1.000656", name: "Thủ tục đăng ký khai tử", aliases: [] }),
  ]);
}

describe("a procedure under review (đang rà soát)", () => {
  let kb: KnowledgeBase;
  let bot: Bot;
  let n = 0;
  const say = (text: string, conversation = "c1") =>
    bot.handle({ channel: "test", conversation, user: "u1", text, kind: "text", messageId: String(++n) });

  beforeEach(() => {
    kb = smallKnowledgeBase();
    bot = createBot({ kb, logger: silentLogger, sessions: createMemorySessionStore({ ttlSeconds: 600 }) });
  });

  it("is answered with its details while nobody marked it", async () => {
    expect(kb.isReviewing(BIRTH)).toBe(false);
    const { replies, meta } = await say("đăng ký khai sinh lệ phí bao nhiêu");
    expect(meta).toMatchObject({ action: "answer", codes: [BIRTH] });
    expect(replies.map((r) => r.text).join("\n")).toContain("8.000");
  });

  it("gives the agency's contact instead of the details once marked, and the details again once cleared", async () => {
    kb.setReviewing(new Set([BIRTH]));
    expect(kb.isReviewing(BIRTH)).toBe(true);
    expect(kb.isReviewing(MARRIAGE)).toBe(false);
    const { replies, meta } = await say("đăng ký khai sinh lệ phí bao nhiêu", "review");
    expect(meta).toMatchObject({ action: "answer", codes: [BIRTH], fields: ["fee"] });
    expect(replies).toHaveLength(1);
    const text = replies[0]?.text ?? "";
    expect(text).toContain(
      "Thông tin về thủ tục “Thủ tục đăng ký khai sinh” đang được cơ quan có thẩm quyền rà soát, cập nhật",
    );
    expect(text).toContain("chưa trả lời chi tiết để tránh hướng dẫn sai");
    expect(text).toContain(
      "liên hệ trực tiếp Ủy ban nhân dân cấp xã (địa chỉ tiếp nhận hồ sơ: Bộ phận Một cửa của Ủy ban nhân dân xã, phường)",
    );
    expect(text).not.toContain("8.000");
    // A follow-up about the same procedure is not answered with its details either.
    const follow = await say("thế cần giấy tờ gì", "review");
    expect(follow.meta).toMatchObject({ action: "answer", codes: [BIRTH] });
    expect(follow.replies[0]?.text).toContain("đang được cơ quan có thẩm quyền rà soát");
    // Another procedure is answered as usual.
    const other = await say("đăng ký kết hôn cần giấy tờ gì", "other");
    expect(other.meta).toMatchObject({ action: "answer", codes: [MARRIAGE] });
    expect(other.replies[0]?.text).not.toContain("rà soát");

    kb.setReviewing(new Set());
    const again = await say("đăng ký khai sinh lệ phí bao nhiêu", "again");
    expect(again.replies.map((r) => r.text).join("\n")).toContain("8.000");
  });

  it("keeps its own copy of the codes it was given", () => {
    const codes = new Set([BIRTH]);
    kb.setReviewing(codes);
    codes.clear();
    expect(kb.isReviewing(BIRTH)).toBe(true);
  });
});

describe("composeUnderReview", () => {
  it("falls back to the usual place of the procedure's level when the portal names no agency or address", () => {
    const p = makeProcedure({ agencies: [], authority: "", address: "", levels: ["Cấp xã"] });
    const { text, buttons } = composeUnderReview(p);
    expect(text).toContain(
      "liên hệ trực tiếp Bộ phận Một cửa của Ủy ban nhân dân xã, phường, đặc khu nơi bạn cư trú",
    );
    expect(buttons).toEqual([]);
  });

  it("names the competent authority when no executing agency is listed, and stays within one message", () => {
    const p = makeProcedure({
      name: `Cấp giấy phép ${"rất dài ".repeat(200)}`,
      agencies: [],
      authority: "Sở Tư pháp",
      address: "",
    });
    const { text } = composeUnderReview(p);
    expect(text).toContain("liên hệ trực tiếp Sở Tư pháp để được hướng dẫn");
    expect(text.length).toBeLessThanOrEqual(2000);
  });

  it("says where to ask even when the record knows no place at all", () => {
    const p = makeProcedure({ agencies: [], authority: "", address: "", levels: [] });
    expect(composeUnderReview(p).text).toContain("cơ quan giải quyết thủ tục này");
  });
});
