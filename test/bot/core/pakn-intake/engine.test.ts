import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../../db/client.js";
import { pakn } from "../../../../db/schema.js";
import { createTestDatabase, DRIVERS } from "../../../helpers/databases.js";
import { createTestRedis } from "../../../helpers/redis.js";
import { CONTENT, labelsOf, paknBot, textOf } from "../pakn-harness.js";

const CODE = /PAKN\.\d{8}\.\d{4}/;

describe.each(DRIVERS)("PAKN intake dialog on %s", (driver) => {
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
    ({ database, dispose } = await createTestDatabase(driver));
    t = paknBot(r, database.db);
  });
  afterAll(async () => {
    await dispose();
    await r.dispose();
  });

  it("goes from /phananh to a tracking code, told only after the PAKN is stored", async () => {
    const review = await t.toReview("full");
    expect(textOf(review)).toContain("Nguyễn Văn An");
    expect(textOf(review)).toContain("0912345678");
    expect(labelsOf(review)).toEqual(["Xác nhận gửi", "Sửa nội dung", "Hủy"]);
    expect(await rowsOf("full")).toHaveLength(0);
    const done = await t.press("full", "pakn|send");
    const code = done.meta.feedback_code as string;
    expect(code).toMatch(CODE);
    expect(textOf(done)).toContain(code);
    expect(textOf(done)).toMatch(/chậm nhất ngày \d{2}\/\d{2}\/\d{4}/);
    const [row] = await rowsOf("full");
    expect(row).toMatchObject({
      code,
      kind: "phan_anh",
      contactPhone: "0912345678",
      place: "Thôn 3, xã Hòa Tiến",
    });
    expect(row?.content).toBe(CONTENT);
    expect(done.replies.every((m) => m.text.length <= 2000)).toBe(true);

    const tracked = await t.say("full", `/tracuu ${code}`);
    expect(textOf(tracked)).toContain("Tình trạng: Đã tiếp nhận");
    expect(textOf(tracked)).toContain("ngập sâu");
    const stranger = await t.say("someone-else", `tra cứu ${code}`);
    expect(textOf(stranger)).toContain("Đã tiếp nhận");
    expect(textOf(stranger)).not.toMatch(/ngập|Nguyễn|0912345678/);
    const mine = await t.say("full", "phản ánh của tôi");
    expect(textOf(mine)).toContain(code);
    expect((await t.say("full", "/tracuu")).meta.intent).toBe("lookup_own");
  });

  it("files one PAKN when the confirmation is delivered twice, and a later press repeats the code", async () => {
    await t.toReview("twice");
    const first = await t.press("twice", "pakn|send", "confirm-twice");
    const again = await t.press("twice", "pakn|send", "confirm-twice");
    const later = await t.press("twice", "pakn|send");
    expect(first.meta.feedback_code).toMatch(CODE);
    expect(again.meta.feedback_code).toBe(first.meta.feedback_code);
    expect(later.meta.feedback_code).toBe(first.meta.feedback_code);
    expect(textOf(later)).toMatch(/đã được gửi trước đó/);
    expect(await rowsOf("twice")).toHaveLength(1);
  });

  it("asks before turning a complaint-like message into a PAKN, and asks for more when it is vague", async () => {
    const offer = await t.say("offer", "đường làng ngập");
    expect(offer.meta.intent).toBe("feedback_offer");
    expect(labelsOf(offer)).toEqual(["Gửi phản ánh", "Không, tôi muốn hỏi thủ tục"]);
    // "Gửi phản ánh" says the kind: the message itself is the content, too short here.
    const vague = await t.press("offer", "pakn|go");
    expect(textOf(vague)).toMatch(/ngắn quá/);
    const more = await t.say("offer", "ở thôn 3 xã Hòa Tiến, nước ngập ngang gối từ tuần trước");
    expect(more.meta.intent).toBe("feedback_step");
    expect(textOf(more)).not.toMatch(/ngắn quá/);
  });

  it("does not take procedure questions for complaints; declining the offer answers the question", async () => {
    const question = await t.say("proc", "đăng ký khai sinh cần giấy tờ gì");
    expect(question.meta).toMatchObject({ action: "answer", codes: ["1.001193"] });
    // A report that asks about a procedure gets the answer with the offer; declining ends politely.
    const offered = await t.say("decline", "cán bộ xã bắt bổ sung giấy tờ đăng ký khai sinh mấy lần");
    expect(offered.meta.codes).toContain("1.001193");
    const declined = await t.press("decline", "pakn|no");
    expect(declined.meta.intent).toBe("feedback_declined");
    expect(textOf(declined)).toMatch(/không gửi phản ánh này/);
  });

  it("ends politely without a PAKN when consent is refused", async () => {
    await t.say("refuse", "/phananh");
    await t.press("refuse", "pakn|kind|kien_nghi");
    await t.say("refuse", "Đề nghị xã lắp thêm đèn chiếu sáng trên đường ra cánh đồng thôn 2");
    await t.say("refuse", "Thôn 2, xã Đông");
    const consent = await t.press("refuse", "pakn|skip");
    expect(textOf(consent)).toContain("91/2025/QH15");
    expect(labelsOf(consent)).toEqual(["Đồng ý", "Không đồng ý"]);
    const refused = await t.press("refuse", "pakn|deny");
    expect(textOf(refused)).toMatch(/20\/2008/);
    expect(refused.meta.intent).toBe("feedback_consent_refused");
    const stale = await t.press("refuse", "pakn|yes");
    expect(stale.meta.intent).toBe("feedback_expired");
    expect(await rowsOf("refuse")).toHaveLength(0);
  });

  it("asks again for a phone that is not Vietnamese, and keeps photos sent at the photo step", async () => {
    await t.say("phone", "/phananh");
    await t.press("phone", "pakn|kind|phan_anh");
    await t.say("phone", CONTENT);
    await t.say("phone", "Thôn 3, xã Hòa Tiến");
    const photo = await t.send("phone", {
      kind: "image",
      attachments: [{ kind: "image", url: "https://example.test/a.jpg", mimeType: "image/jpeg" }],
    });
    expect(textOf(photo)).toMatch(/Đã nhận 1 tệp/);
    expect(labelsOf(photo)).toEqual(["Tiếp tục"]);
    await t.press("phone", "pakn|skip");
    await t.press("phone", "pakn|yes");
    await t.say("phone", "Trần Thị Bình");
    const bad = await t.say("phone", "12345");
    expect(textOf(bad)).toMatch(/Số điện thoại chưa đúng/);
    const ok = await t.say("phone", "+84 386 123 456");
    expect(textOf(ok)).toMatch(/Địa chỉ/);
    const review = await t.say("phone", "Tổ 5, phường Hải Châu, Đà Nẵng");
    expect(textOf(review)).toContain("Đính kèm: 1 ảnh");
    expect(textOf(review)).toContain("0386123456");
  });

  it.each([
    ["content", ["/phananh", "pakn|kind|phan_anh"], "/huy"],
    ["consent", ["/phananh", "pakn|kind|phan_anh", CONTENT, "Thôn 3", "pakn|skip"], "hủy"],
    [
      "phone",
      ["/phananh", "pakn|kind|phan_anh", CONTENT, "Thôn 3", "pakn|skip", "pakn|yes", "Lê Huy"],
      "thôi",
    ],
  ])("cancels at the %s step", async (step, steps, cancel) => {
    const conversation = `cancel-${step}`;
    for (const s of steps) {
      if (s.startsWith("pakn|")) await t.press(conversation, s);
      else await t.say(conversation, s);
    }
    const cancelled = await t.say(conversation, cancel);
    expect(cancelled.meta.intent).toBe("feedback_cancel");
    expect(textOf(cancelled)).toMatch(/Đã hủy/);
    const after = await t.say(conversation, "đăng ký kết hôn cần gì");
    expect(after.meta.action).toBe("answer");
  });

  it("takes a typed name Huy as a name, not as cancel", async () => {
    for (const s of ["/phananh", "pakn|kind|phan_anh", CONTENT, "Thôn 3", "pakn|skip", "pakn|yes"]) {
      if (s.startsWith("pakn|")) await t.press("huy", s);
      else await t.say("huy", s);
    }
    expect(textOf(await t.say("huy", "Huy"))).toMatch(/Số điện thoại/);
  });

  it("explains the legal path of complaints and denunciations instead of filing them", async () => {
    const typed = await t.say("kntc", "tôi muốn khiếu nại quyết định thu hồi đất của UBND xã");
    expect(typed.meta.intent).toBe("complaint_path");
    expect(textOf(typed)).toMatch(/Luật Khiếu nại 2011/);
    expect(textOf(typed)).toMatch(/90 ngày/);
    expect(textOf(typed)).toMatch(/Ban tiếp công dân/);
    expect(typed.replies[0]?.text.split("\n").length).toBeLessThanOrEqual(5);
    await t.say("kntc2", "/phananh");
    const chosen = await t.press("kntc2", "pakn|kntc");
    expect(chosen.meta.intent).toBe("complaint_path");
    expect(textOf(chosen)).toMatch(/Luật Tố cáo 2018/);
    expect((await t.say("kntc2", "Nguyễn Văn An")).meta.intent).not.toMatch(/^feedback/);
  });

  it("offers to send an unanswered question to an officer, as a question ticket", async () => {
    const question = "lịch cắt điện tuần sau ở phường Hải Châu";
    const none = await t.say("handoff", question);
    expect(none.meta.action).toBe("out_of_scope");
    expect(labelsOf(none)).toContain("Gửi câu hỏi cho cán bộ");
    const start = await t.press("handoff", "pakn|ask");
    expect(textOf(start)).toMatch(/ở đâu/);
    await t.press("handoff", "pakn|skip");
    await t.press("handoff", "pakn|yes");
    await t.say("handoff", "Phạm Minh Châu");
    await t.say("handoff", "0987654321");
    const review = await t.say("handoff", "Số 12 Lê Lợi, phường Huế");
    expect(textOf(review)).toContain("Câu hỏi gửi cán bộ");
    const done = await t.press("handoff", "pakn|send");
    expect(done.meta.feedback_code).toMatch(CODE);
    const [row] = await rowsOf("handoff");
    expect(row).toMatchObject({ kind: "question", content: question });
  });

  it("explains an old button after the session expired and offers to start again", async () => {
    await t.toReview("expired");
    await r.redis.del(`${r.prefix}session:test:expired`);
    const old = await t.press("expired", "pakn|edit");
    expect(old.meta.intent).toBe("feedback_expired");
    expect(textOf(old)).toMatch(/hết hạn/);
    expect(labelsOf(old)).toEqual(["Gửi phản ánh mới"]);
    expect(textOf(await t.press("expired", "pakn|start"))).toMatch(/phản ánh hay kiến nghị/);
  });

  it("suggests the related procedure the content names, and records it when confirmed", async () => {
    await t.say("related", "/phananh");
    await t.press("related", "pakn|kind|phan_anh");
    const asked = await t.say(
      "related",
      "Tôi nộp hồ sơ đăng ký khai sinh cho con ở UBND xã, cán bộ bắt bổ sung giấy tờ ba lần vẫn chưa nhận",
    );
    expect(labelsOf(asked)).toEqual([
      expect.stringMatching(/^Liên quan thủ tục .*khai sinh/),
      "Không liên quan",
    ]);
    const payload = asked.replies[0]?.buttons[0]?.payload as string;
    await t.press("related", payload);
    await t.press("related", "pakn|skip");
    await t.press("related", "pakn|yes");
    await t.say("related", "Đỗ Văn Nam");
    await t.say("related", "0901234567");
    const review = await t.say("related", "Xóm 2, xã Nam Phong, Nam Định");
    expect(textOf(review)).toMatch(/Thủ tục liên quan: .*khai sinh/);
    await t.press("related", "pakn|send");
    const [row] = await rowsOf("related");
    expect(`pakn|rel|${row?.procedureCode}`).toBe(payload);
  });

  it("lets the citizen rewrite the content from the summary", async () => {
    await t.toReview("edit");
    await t.press("edit", "pakn|edit");
    const review = await t.say(
      "edit",
      "Cống thoát nước đầu thôn 3 bị tắc, nước thải tràn ra đường gây mùi hôi",
    );
    expect(textOf(review)).toContain("Cống thoát nước");
    expect(textOf(review)).not.toContain("nửa mét");
  });
});

describe("PAKN intake without a database", () => {
  const r = createTestRedis();
  afterAll(() => r.dispose());

  it("says politely that filing is unavailable and still answers procedure questions", async () => {
    const t = paknBot(r);
    const start = await t.say("x", "/phananh");
    expect(start.meta.intent).toBe("feedback_unavailable");
    expect(textOf(start)).toMatch(/chưa sẵn sàng/);
    expect((await t.say("x", "/tracuu PAKN.20261122.0001")).meta.intent).toBe("feedback_unavailable");
    expect((await t.say("x", "đăng ký khai sinh cần giấy tờ gì")).meta.action).toBe("answer");
  });
});
