import { describe, expect, it } from "vitest";
import { redactForPublic } from "../../feedback/redact.js";
import { scrubText } from "../../lib/log-text.js";

describe("scrubText", () => {
  it("masks in the logs the phone and ID numbers the public redaction hides", () => {
    const personal = [
      "0912 345 678",
      "0912.345.678",
      "+84 912 345 678",
      "(+84) 912345678",
      "(028) 3829 1234",
      "028 3829 1234",
      "079085001234",
      "123456789",
    ];
    for (const number of personal) {
      const text = `liên hệ ${number} nhé`;
      expect(scrubText(text), number).not.toContain(number);
      expect(redactForPublic(text), number).not.toContain(number);
    }
  });

  it("keeps amounts, dates and legal references readable, as the public redaction does", () => {
    for (const text of [
      "lệ phí 840.000.000.000 đồng",
      "ngày 07/12/2026",
      "Nghị định 123/2024/NĐ-CP",
      "mã hồ sơ 000.00.12.H34-261207-0001",
    ]) {
      expect(scrubText(text), text).toBe(text);
    }
  });

  it("masks bot tokens", () => {
    expect(scrubText("token 7000000001:AAbench-token-for-the-fake-bot-api-000001 failed")).toBe(
      "token [token] failed",
    );
  });
});
