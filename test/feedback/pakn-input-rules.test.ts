import { describe, expect, it } from "vitest";
import {
  checkContent,
  isPlausibleAddress,
  isPlausibleName,
  stripControlChars,
} from "../../feedback/pakn-input-rules.js";

describe("PAKN input rules", () => {
  it("accepts readable Vietnamese content, with or without diacritics", () => {
    expect(checkContent("Đường liên thôn bị ngập sâu sau mưa, xe máy không đi được.")).toBeUndefined();
    expect(checkContent("duong lien thon bi ngap sau sau mua xe may khong di duoc")).toBeUndefined();
  });

  it("asks for more when the content is vague, and refuses gibberish or walls of text", () => {
    expect(checkContent("đường làng ngập")).toBe("too_short");
    expect(checkContent("asdf qwrtz xkcd pplm zzzz hjkl")).toBe("unreadable");
    expect(checkContent("đường ngập ".repeat(300))).toBe("too_long");
  });

  it("checks names and addresses", () => {
    expect(isPlausibleName("Nguyễn Văn An")).toBe(true);
    expect(isPlausibleName("Huy")).toBe(true);
    expect(isPlausibleName("0912345678")).toBe(false);
    expect(isPlausibleAddress("Thôn 3, xã Hòa Tiến")).toBe(true);
    expect(isPlausibleAddress("HN")).toBe(false);
  });

  it("drops the control characters no one types, keeping tabs and line breaks", () => {
    expect(stripControlChars("Đường\u0000 ngập\u0001\u001b\u007f sâu")).toBe("Đường ngập sâu");
    expect(stripControlChars("dòng một\r\n\tdòng hai")).toBe("dòng một\r\n\tdòng hai");
    expect(stripControlChars("\u0000\u0008\u000b\u000c\u000e\u001f")).toBe("");
  });
});
