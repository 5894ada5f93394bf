import { describe, expect, it } from "vitest";
import { escapeHtml, renderReply } from "../../../../bot/channels/telegram/index.js";
import { TELEGRAM_TEXT_LIMIT } from "../../../../bot/channels/telegram/render-reply.js";

describe("escapeHtml", () => {
  it("escapes the three characters Telegram's HTML parse mode reads as markup", () => {
    expect(escapeHtml('<b>Lệ phí</b> & "phí" > 0 < 1')).toBe(
      '&lt;b&gt;Lệ phí&lt;/b&gt; &amp; "phí" &gt; 0 &lt; 1',
    );
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});

describe("renderReply", () => {
  const noButtons = { encode: async (p: string) => p, decode: async (d: string) => d };

  it("sends a text within the limit as one message", async () => {
    expect(await renderReply({ text: "Xin chào <b>", buttons: [] }, noButtons)).toEqual([
      { text: "Xin chào &lt;b&gt;" },
    ]);
  });

  it("cuts a long answer at line breaks under Telegram's limit, buttons under the last piece", async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `Dòng ${i}: ${"giấy tờ ".repeat(3)}`.trim());
    const text = lines.join("\n");
    const pieces = await renderReply(
      { text, buttons: [{ label: "Lệ phí", payload: "field|1|fee" }] },
      noButtons,
    );
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => p.text.length <= TELEGRAM_TEXT_LIMIT)).toBe(true);
    expect(pieces.map((p) => p.text).join("\n")).toBe(text);
    expect(pieces.slice(0, -1).every((p) => p.replyMarkup === undefined)).toBe(true);
    expect(
      pieces
        .at(-1)
        ?.replyMarkup?.inline_keyboard.flat()
        .map((b) => b.text),
    ).toEqual(["Lệ phí"]);
  });

  it("never cuts inside a surrogate pair", async () => {
    const emoji = "😀".repeat(3_000);
    const pieces = await renderReply({ text: emoji, buttons: [] }, noButtons);
    expect(
      pieces.every((p) => p.text.length <= TELEGRAM_TEXT_LIMIT && !/[\ud800-\udbff]$/.test(p.text)),
    ).toBe(true);
    expect(pieces.map((p) => p.text).join("")).toBe(emoji);
  });
});
