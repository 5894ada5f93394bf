import { describe, expect, it } from "vitest";
import { PAYLOAD_PREFIX } from "../../../../bot/channels/zalo-oa/parse-event.js";
import { renderReplies } from "../../../../bot/channels/zalo-oa/render-replies.js";
import { TEXTS } from "../../../../bot/core/texts.js";

const buttons = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ label: `Nút ${i + 1}`, payload: `p${i + 1}` }));

describe("rendering replies for Zalo OA", () => {
  it("puts buttons as oa.query.hide buttons with marked payloads under the text", () => {
    const [message, ...rest] = renderReplies("u1", [{ text: "Xin chào", buttons: buttons(2) }]);
    expect(rest).toEqual([]);
    expect(message).toEqual({
      recipient: { user_id: "u1" },
      message: {
        text: "Xin chào",
        attachment: {
          type: "template",
          payload: {
            buttons: [
              { title: "Nút 1", type: "oa.query.hide", payload: `${PAYLOAD_PREFIX}p1` },
              { title: "Nút 2", type: "oa.query.hide", payload: `${PAYLOAD_PREFIX}p2` },
            ],
          },
        },
      },
    });
  });

  it("shows five buttons per message and the rest in a follow-up", () => {
    const out = renderReplies("u1", [{ text: "Câu trả lời", buttons: buttons(9) }]);
    expect(out.map((m) => m.message.attachment?.payload.buttons.length)).toEqual([5, 4]);
    expect(out[1]?.message.text).toBe(TEXTS.moreOptions);
  });

  it("splits long texts at line boundaries, buttons under the last part", () => {
    const line = "Giấy tờ cần nộp gồm bản chính và bản sao có chứng thực.";
    const text = Array.from({ length: 120 }, (_, i) => `${i + 1}. ${line}`).join("\n");
    const out = renderReplies("u1", [{ text, buttons: buttons(1) }]);
    expect(out.length).toBeGreaterThan(2);
    for (const m of out) expect(m.message.text.length).toBeLessThanOrEqual(2000);
    expect(out.map((m) => m.message.text).join("\n")).toBe(text);
    expect(out.slice(0, -1).every((m) => !m.message.attachment)).toBe(true);
    expect(out.at(-1)?.message.attachment).toBeDefined();
  });

  it("keeps titles within 100 characters and drops payloads Zalo would refuse", () => {
    const out = renderReplies("u1", [
      {
        text: "Chọn",
        buttons: [
          { label: "Thủ tục ".repeat(30), payload: "ok" },
          { label: "Quá dài", payload: "x".repeat(1_000) },
        ],
      },
    ]);
    const rendered = out[0]?.message.attachment?.payload.buttons ?? [];
    expect(rendered).toHaveLength(1);
    expect(rendered[0]?.title.length).toBeLessThanOrEqual(100);
    expect(rendered[0]?.title.endsWith("…")).toBe(true);
  });

  it("sends nothing for an empty reply", () => {
    expect(renderReplies("u1", [{ text: " ", buttons: [] }])).toEqual([]);
  });
});
