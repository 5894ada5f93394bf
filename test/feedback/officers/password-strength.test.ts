import { describe, expect, it } from "vitest";
import { generateOneTimePassword } from "../../../feedback/officers/password.js";
import { passwordProblem, personalWords } from "../../../feedback/officers/password-strength.js";

const officer = { email: "nguyen.thi.hoa@xaydung.gov.vn", name: "Nguyễn Thị Hoa" };
const WEAK = "Mật khẩu mới quá dễ đoán";

describe("new password strength", () => {
  it("refuses passwords shorter than 12 characters, counting letters with diacritics once", async () => {
    expect(await passwordProblem("Zq7#mV2$kLp", officer)).toBe("Mật khẩu mới phải có ít nhất 12 ký tự.");
    expect(await passwordProblem("đường-phố-ư", officer)).toBe("Mật khẩu mới phải có ít nhất 12 ký tự.");
    expect(await passwordProblem(officer.email, officer)).toContain("không được trùng với địa chỉ email");
  });

  it.each([
    ["repeated characters", "aaaaaaaaaaaaaaaa"],
    ["a sequence", "abcdefghijklmnop"],
    ["digits in a row", "123456789012"],
    ["a keyboard run", "qwertyuiopasdf"],
    ["a common password", "password123456"],
    ["a Vietnamese common password", "matkhau12345678"],
    ["another one with a year", "anhyeuem2026"],
    ["the officer's name without diacritics", "nguyenthihoa1990"],
    ["the e-mail's first part", "nguyen.thi.hoa.2026"],
  ])("refuses %s", async (_, password) => {
    expect(await passwordProblem(password, officer)).toContain(WEAK);
  });

  it("accepts passphrases and the generated one-time passwords", async () => {
    for (const password of [
      "ngựa-kho-pin-đúng-ghim",
      "mây trắng bay qua đồi chè",
      "Tk9#vR2!pLq8wZ",
      generateOneTimePassword(),
    ])
      expect(await passwordProblem(password, officer), password).toBeNull();
  });

  it("knows the officer's e-mail parts and name with and without diacritics", () => {
    expect(personalWords(officer)).toEqual(
      expect.arrayContaining(["nguyen.thi.hoa", "nguyen", "hoa", "nguyen thi hoa", "nguyenthihoa"]),
    );
  });
});
