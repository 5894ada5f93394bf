import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { REDACT_PATHS, scrubText } from "../../app/logger.js";

describe("logger redaction", () => {
  it("masks phone numbers, ID numbers and bot tokens in free text", () => {
    const text = scrubText(
      "Gọi 0912 345 678 hoặc +84912345678, CCCD 001203004567, token 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
    );
    expect(text).not.toMatch(/0912|345 678|84912345678|001203004567|AAHdq/);
    expect(text).toContain("[phone]");
    expect(text).toContain("[id]");
    expect(text).toContain("[token]");
  });

  it("removes secret fields from structured log lines", () => {
    let out = "";
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += chunk;
        done();
      },
    });
    const log = pino({ redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, sink);
    log.info(
      { token: "secret-token", user: { phone: "0912345678" }, req: { headers: { cookie: "mc_chat=x" } } },
      "hi",
    );
    expect(out).not.toMatch(/secret-token|0912345678|mc_chat/);
  });
});
