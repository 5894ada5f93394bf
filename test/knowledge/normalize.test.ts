import { describe, expect, it } from "vitest";
import {
  foldDiacritics,
  MAX_ANALYSED_CHARS,
  normalizeText,
  normalizeTokens,
  repairSyllable,
} from "../../knowledge/normalize.js";

describe("normalizeText", () => {
  it("folds diacritics and đ so accented and plain spellings are equal", () => {
    expect(normalizeText("Đăng Ký Khai Sinh")).toBe("dang ki khai sinh");
    expect(normalizeText("dang ky khai sinh")).toBe("dang ki khai sinh");
    expect(foldDiacritics("Đường đi")).toBe("Duong di");
  });

  it("composes NFD input first", () => {
    const nfd = "Đăng ký thường trú".normalize("NFD");
    expect(normalizeText(nfd)).toBe(normalizeText("Đăng ký thường trú"));
  });

  it("repairs Telex typed without an input method", () => {
    expect(normalizeText("dangw kys khai sinh")).toBe("dang ki khai sinh");
    expect(normalizeText("giaays tờ")).toBe("giay to");
    expect(repairSyllable("dduwowngf")).toBe("duong");
  });

  it("squeezes letters repeated for emphasis", () => {
    expect(normalizeText("nhaaa")).toBe("nha");
    expect(normalizeText("khôngggg")).toBe("khong");
  });

  it("expands chat spellings", () => {
    expect(normalizeText("đc ko")).toBe("duoc khong");
    expect(normalizeText("phí bn z")).toBe("phi bao nhieu vay");
    expect(normalizeText("mik hỏi j vs")).toBe("minh hoi gi voi");
    expect(normalizeText("làm ntn")).toBe("lam nhu the nao");
  });

  it("keeps acronyms and the sổ hồng colour intact", () => {
    expect(normalizeText("CCCD")).toBe("cccd");
    expect(normalizeText("sổ hồng")).toBe("so hong");
  });

  it("unifies i/y spellings (liệt sĩ / liệt sỹ)", () => {
    expect(normalizeText("liệt sĩ")).toBe(normalizeText("liệt sỹ"));
  });

  it("keeps vocabulary words untouched by Telex repair", () => {
    expect(normalizeTokens("internet", new Set(["internet"]))).toEqual(["internet"]);
  });

  it("caps very long input and survives empty or emoji-only input", () => {
    expect(normalizeTokens("a ".repeat(10_000)).length).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    expect(normalizeTokens("")).toEqual([]);
    expect(normalizeTokens("🙏😀")).toEqual([]);
  });
});
