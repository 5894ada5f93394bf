import { describe, expect, it } from "vitest";
import { TEXTS } from "../../../bot/core/texts.js";

describe("TEXTS", () => {
  it("are short, polite Vietnamese with diacritics, in NFC", () => {
    for (const [key, text] of Object.entries(TEXTS)) {
      expect(text.length, key).toBeGreaterThan(20);
      expect(text.length, key).toBeLessThanOrEqual(key === "welcome" || key === "help" ? 700 : 200);
      expect(text, key).toBe(text.normalize("NFC"));
      expect(text, key).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđẹẻẽèéêệềếểễịỉĩìíọỏõòóôộồốổỗơợờớởỡụủũùúưựừứửữỵỷỹỳý]/u);
    }
    expect(TEXTS.error).toContain("Xin lỗi, hệ thống đang bận");
    expect(TEXTS.welcome).toContain("hồ sơ");
    expect(TEXTS.welcome).toContain("lệ phí");
    expect(TEXTS.welcome).toContain("Ví dụ:");
  });
});
