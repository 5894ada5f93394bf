import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  eventTimestamp,
  isFreshTimestamp,
  verifyZaloSignature,
  zaloEventMac,
  zaloSignatureHeader,
} from "../../../../bot/channels/zalo-oa/webhook-signature.js";

describe("Zalo webhook signature", () => {
  const raw = Buffer.from('{"event_name":"user_send_text","timestamp":"1700000000000"}');

  it("is the hex sha-256 of app id, raw body, timestamp and OA secret key", () => {
    const expected = createHash("sha256")
      .update(`app${raw.toString("utf8")}1700000000000secret`)
      .digest("hex");
    expect(zaloEventMac("app", raw, "1700000000000", "secret")).toBe(expected);
    expect(zaloSignatureHeader("app", raw, "1700000000000", "secret")).toBe(`mac=${expected}`);
  });

  it("accepts the right MAC only, whatever its length", () => {
    const mac = zaloEventMac("app", raw, "1700000000000", "secret");
    expect(verifyZaloSignature(`mac=${mac}`, mac)).toBe(true);
    expect(verifyZaloSignature(`mac=${mac.toUpperCase()}`, mac)).toBe(true);
    expect(verifyZaloSignature(`mac=${mac.slice(0, -1)}0`, mac)).toBe(false);
    expect(verifyZaloSignature("mac=abc", mac)).toBe(false);
    expect(verifyZaloSignature(undefined, mac)).toBe(false);
    expect(verifyZaloSignature("", mac)).toBe(false);
  });

  it("reads the timestamp from the body, or by pattern from a malformed body", () => {
    expect(eventTimestamp({ timestamp: "1700000000000" }, "")).toBe("1700000000000");
    expect(eventTimestamp({ timestamp: 1700000000000 }, "")).toBe("1700000000000");
    expect(eventTimestamp({ timestamp: "soon" }, "")).toBeUndefined();
    expect(eventTimestamp({}, "")).toBeUndefined();
    expect(eventTimestamp(undefined, '{"timestamp":"1700000000000", "event_name": ')).toBe("1700000000000");
    expect(eventTimestamp(undefined, "not json")).toBeUndefined();
  });

  it("takes events within five minutes of now, in milliseconds or seconds", () => {
    const now = 1_700_000_000_000;
    expect(isFreshTimestamp(String(now - 60_000), now)).toBe(true);
    expect(isFreshTimestamp(String((now - 60_000) / 1000), now)).toBe(true);
    expect(isFreshTimestamp(String(now - 6 * 60_000), now)).toBe(false);
    expect(isFreshTimestamp(String(now + 6 * 60_000), now)).toBe(false);
  });
});
