import { describe, expect, it } from "vitest";
import { composeOutOfScope } from "../../../knowledge/compose/compose-out-of-scope.js";
import { TEXTS } from "../../../knowledge/compose/texts.js";

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

describe("composeOutOfScope", () => {
  it("suggests rephrasing with 2–3 examples and no buttons by default", () => {
    const message = composeOutOfScope();
    expect(message.text).toContain("chưa tìm thấy thủ tục");
    expect(message.text).toContain("tên thủ tục");
    expect(message.text.match(/^• /gmu)?.length).toBe(3);
    expect(message.buttons).toEqual([]);
  });

  it("offers forwarding to an officer when asked to", () => {
    const message = composeOutOfScope({ handoff: { payload: "handoff" } });
    expect(message.text).toContain("cán bộ");
    expect(message.buttons).toEqual([{ label: "Gửi câu hỏi cho cán bộ", payload: "handoff" }]);
  });
});
