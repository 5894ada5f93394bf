import { describe, expect, it } from "vitest";
import { splitText, truncateAtWord } from "../../../knowledge/compose/split-text.js";

describe("splitText", () => {
  it("keeps short text whole", () => {
    expect(splitText("Xin chào\n\nbạn", 2000)).toEqual(["Xin chào\n\nbạn"]);
  });

  it("breaks at paragraph and line boundaries, never mid-line when lines fit", () => {
    const lines = Array.from({ length: 50 }, (_, i) => `${i + 1}. Giấy tờ thứ ${i + 1} của hồ sơ`);
    const chunks = splitText(lines.join("\n"), 200);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(200);
      for (const line of chunk.split("\n")) expect(lines).toContain(line);
    }
    expect(chunks.join("\n")).toBe(lines.join("\n"));
  });

  it("cuts a single over-long line at word boundaries", () => {
    const words = Array.from({ length: 300 }, (_, i) => `chữ${i}`);
    const chunks = splitText(words.join(" "), 100);
    expect(chunks.every((c) => c.length <= 100 && c.length > 0)).toBe(true);
    expect(chunks.join(" ").split(" ")).toEqual(words);
  });

  it("carries a heading over to the next chunk instead of leaving it last", () => {
    const text = ["Giấy tờ thứ nhất của hồ sơ", "Lưu ý:", "Ghi chú rất dài về hồ sơ này"].join("\n");
    expect(splitText(text, 40)).toEqual([
      "Giấy tờ thứ nhất của hồ sơ",
      "Lưu ý:\nGhi chú rất dài về hồ sơ này",
    ]);
  });

  it("never returns empty chunks", () => {
    expect(splitText("\n\n  \n\nA\n\n\n", 10)).toEqual(["A"]);
    expect(splitText("", 10)).toEqual([]);
  });
});

describe("truncateAtWord", () => {
  it("cuts at a word boundary and adds an ellipsis", () => {
    expect(truncateAtWord("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", 25)).toBe(
      "Cấp giấy phép xây dựng…",
    );
    expect(truncateAtWord("ngắn", 25)).toBe("ngắn");
  });
});
