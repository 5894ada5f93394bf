import { describe, expect, it } from "vitest";
import { normalizeVnPhone } from "../../feedback/vn-phone.js";

describe("Vietnamese phone numbers", () => {
  it.each([
    ["0912345678", "0912345678"],
    ["0912 345 678", "0912345678"],
    ["+84 912.345.678", "0912345678"],
    ["84-386-123-456", "0386123456"],
    ["(024) 3825 1234", "02438251234"],
  ])("reads %s", (typed, expected) => {
    expect(normalizeVnPhone(typed)).toBe(expected);
  });

  it.each(["12345", "0123456789", "091234567", "09123456789", "phone 0912345678", "0612345678", ""])(
    "refuses %s",
    (typed) => {
      expect(normalizeVnPhone(typed)).toBeUndefined();
    },
  );
});
