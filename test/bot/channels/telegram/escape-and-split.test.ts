import { describe, expect, it } from "vitest";
import { escapeHtml, splitText } from "../../../../bot/channels/telegram/index.js";

describe("escapeHtml", () => {
  it("escapes the three characters Telegram's HTML parse mode reads as markup", () => {
    expect(escapeHtml('<b>Lệ phí</b> & "phí" > 0 < 1')).toBe(
      '&lt;b&gt;Lệ phí&lt;/b&gt; &amp; "phí" &gt; 0 &lt; 1',
    );
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});

describe("splitText", () => {
  it("leaves a text within the limit alone", () => {
    expect(splitText("Xin chào")).toEqual(["Xin chào"]);
    expect(splitText("")).toEqual([""]);
  });

  it("cuts at line breaks, then spaces, never inside a surrogate pair", () => {
    const lines = Array.from({ length: 10 }, (_, i) => `dòng ${i} ${"x".repeat(10)}`);
    const pieces = splitText(lines.join("\n"), 60);
    expect(pieces.every((p) => p.length <= 60)).toBe(true);
    expect(pieces.join("\n")).toBe(lines.join("\n"));
    expect(splitText("một hai ba bốn năm sáu", 10)).toEqual(["một hai ba", "bốn năm", "sáu"]);
    const emoji = "😀".repeat(10);
    const cut = splitText(emoji, 7);
    expect(cut.every((p) => p.length <= 7 && !/[\ud800-\udbff]$/.test(p))).toBe(true);
    expect(cut.join("")).toBe(emoji);
  });
});
