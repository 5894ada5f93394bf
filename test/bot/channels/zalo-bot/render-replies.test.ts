import { describe, expect, it } from "vitest";
import { NUMBERED_OPTIONS_HEADING, renderReplies } from "../../../../bot/channels/zalo-bot/index.js";

describe("renderReplies", () => {
  it("puts buttons as a numbered list under the text, numbering on across the turn", () => {
    const rendered = renderReplies([
      { text: "Phần một", buttons: [{ label: "Lệ phí", payload: "p1" }] },
      { text: "Phần hai", buttons: [] },
      {
        text: "Phần ba",
        buttons: [
          { label: "Thời hạn", payload: "p2" },
          { label: " Nơi\nnộp ", payload: "p3" },
        ],
      },
    ]);
    expect(rendered.texts).toEqual([
      `Phần một\n\n${NUMBERED_OPTIONS_HEADING}\n1. Lệ phí`,
      "Phần hai",
      `Phần ba\n\n${NUMBERED_OPTIONS_HEADING}\n2. Thời hạn\n3. Nơi nộp`,
    ]);
    expect(rendered.payloads).toEqual(["p1", "p2", "p3"]);
  });

  it("splits at line boundaries so no message exceeds 2,000 characters", () => {
    const lines = Array.from({ length: 60 }, (_, i) => `Dòng số ${i + 1}: ${"giấy tờ ".repeat(5).trim()}`);
    const text = lines.join("\n");
    const rendered = renderReplies([{ text, buttons: [{ label: "Xem đầy đủ", payload: "full" }] }]);
    expect(text.length).toBeGreaterThan(2_000);
    expect(rendered.texts.length).toBeGreaterThan(1);
    for (const t of rendered.texts) expect(t.length).toBeLessThanOrEqual(2_000);
    const out = rendered.texts.join("\n");
    for (const line of lines) expect(out).toContain(line);
    expect(rendered.texts.at(-1)).toContain("1. Xem đầy đủ");
  });

  it("drops empty replies", () => {
    expect(renderReplies([{ text: "  ", buttons: [] }])).toEqual({ texts: [], payloads: [] });
  });
});
