import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withoutLongNumbers } from "../../../bot/core/features/kb-answer.js";
import type { Database } from "../../../db/client.js";
import { createTestDatabase } from "../../helpers/databases.js";
import { createTestRedis } from "../../helpers/redis.js";
import { labelsOf, paknBot, textOf } from "./pakn-harness.js";

const FORWARD = /chuyển phản ánh này tới cơ quan có thẩm quyền/;

describe("a reported problem is offered as a PAKN; honest limits", () => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let t: ReturnType<typeof paknBot>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pglite"));
    t = paknBot(r, database.db);
  });
  afterAll(async () => {
    await dispose();
    await r.dispose();
  });

  it("offers to forward a pothole report instead of answering with a look-alike procedure", async () => {
    for (const [conversation, text] of [
      ["pothole", "Đường bê tông trước cổng trường bị sụt một hố lớn, tuần này đã có hai học sinh ngã xe"],
      [
        "pothole-plain",
        "duong be tong truoc cong truong bi sut mot ho lon, tuan nay da co hai hoc sinh nga xe",
      ],
    ] as const) {
      const turn = await t.say(conversation, text);
      expect(turn.meta.intent).toBe("feedback_offer");
      expect(turn.meta.codes).toEqual([]);
      expect(turn.replies[0]?.text).toMatch(FORWARD);
      expect(labelsOf(turn)[0]).toBe("Gửi phản ánh");
      // Pressing the button keeps the message as the content of the PAKN.
      const next = await t.press(conversation, "pakn|go");
      expect(next.meta.intent).toBe("feedback_step");
      expect(textOf(next)).not.toMatch(/ngắn quá/);
    }
  });

  it("offers the PAKN first and still answers the procedure question asked with the report", async () => {
    const turn = await t.say(
      "both",
      "Cán bộ một cửa đòi tiền bồi dưỡng mới nhận hồ sơ đăng ký khai sinh cho con tôi. Vậy đăng ký khai sinh cần giấy tờ gì?",
    );
    expect(turn.replies.length).toBeGreaterThanOrEqual(2);
    expect(turn.replies[0]?.text).toMatch(FORWARD);
    expect(turn.replies[0]?.buttons.map((b) => b.label)).toEqual(["Gửi phản ánh"]);
    expect(turn.meta).toMatchObject({ intent: "feedback_offer", action: "answer", codes: ["1.001193"] });
    // Asking on about the answered procedure leaves the offer behind.
    const fee = await t.say("both", "lệ phí bao nhiêu");
    expect(fee.meta).toMatchObject({ action: "answer", codes: ["1.001193"] });
  });

  it("offers a PAKN for an overdue file and still says how to look the file up", async () => {
    const turn = await t.say(
      "overdue",
      "Hồ sơ cấp sổ đỏ của tôi quá hẹn 3 tuần rồi mà chưa có kết quả, giờ tra cứu hồ sơ ở đâu",
    );
    expect(turn.replies[0]?.text).toMatch(FORWARD);
    expect(labelsOf(turn)[0]).toBe("Gửi phản ánh");
    expect(textOf(turn)).toMatch(/dichvucong\.gov\.vn/);
  });

  it("answers a procedure question that shares words with a complaint without any offer", async () => {
    for (const text of [
      "xin giấy phép xả nước thải vào nguồn nước cần những gì",
      "đăng ký khai sinh quá hạn cho con 7 tuổi cần giấy tờ gì",
    ]) {
      const turn = await t.say("question", text);
      expect(turn.meta.intent, text).not.toBe("feedback_offer");
      expect(labelsOf(turn), text).not.toContain("Gửi phản ánh");
    }
  });

  it("says where to go for a topic we do not hold, and offers to ask an officer", async () => {
    const turn = await t.say("jobless", "em mới nghỉ việc, muốn nhận trợ cấp thất nghiệp thì làm ở đâu");
    expect(turn.meta).toMatchObject({ intent: "elsewhere", action: "out_of_scope", codes: [] });
    expect(textOf(turn)).toMatch(/Trung tâm Dịch vụ việc làm/);
    expect(labelsOf(turn)).toContain("Gửi câu hỏi cho cán bộ");
  });

  it("explains how to look up one's own file and never repeats the numbers typed", async () => {
    const id = "079203001234";
    const insurance = "79 1234 5678";
    const turn = await t.say("status", `Hồ sơ của tôi đến đâu rồi ạ? CCCD ${id}, sổ BHXH ${insurance}`);
    const text = textOf(turn);
    expect(text).toMatch(/dichvucong\.gov\.vn/);
    expect(text).toMatch(/mã hồ sơ/);
    expect(text).not.toContain(id);
    expect(text.replace(/\D/g, "")).not.toContain("79123456");
    // Nor later, when the question goes to an officer and the summary shows it back.
    await t.press("status", "pakn|ask");
    const steps = [
      () => t.say("status", "Phường Bến Thành"),
      () => t.press("status", "pakn|skip"),
      () => t.press("status", "pakn|yes"),
      () => t.say("status", "Nguyễn Văn An"),
      () => t.say("status", "0912 345 678"),
      () => t.say("status", "12 Lê Lợi, phường Bến Thành, TP Hồ Chí Minh"),
    ];
    let last = turn;
    for (const step of steps) last = await step();
    expect(textOf(last)).toMatch(/Bạn kiểm tra lại trước khi gửi/);
    expect(textOf(last)).not.toContain(id);
    expect(textOf(last).replace(/\D/g, "")).not.toContain("79123456");
  });

  it("hides ID, insurance and phone numbers from a question kept for an officer, not a receipt's code", () => {
    const kept = withoutLongNumbers("CCCD 079 203 001 234, sđt 0912.345.678, mã hồ sơ H56-250101-0001");
    expect(kept).not.toMatch(/079|0912/);
    expect(kept).toContain("H56-250101-0001");
  });
});
