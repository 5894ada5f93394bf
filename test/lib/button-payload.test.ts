import { describe, expect, it } from "vitest";
import "../../bot/core/features/learn-payloads.js";
import "../../bot/core/features/pakn-buttons.js";
import "../../feedback/rating-payload.js";
import "../../feedback/supplement-payload.js";
import "../../knowledge/payload.js";
import { PAYLOAD_KINDS, payloadKind } from "../../lib/button-payload.js";

describe("payloadKind", () => {
  it("holds every kind of button the bot offers, each under its own name", () => {
    expect([...PAYLOAD_KINDS.keys()].sort()).toEqual(
      ["case", "field", "full", "learn", "pakn", "pick", "rate", "supplement"].sort(),
    );
  });

  it("refuses a second kind with a taken name", () => {
    expect(() => payloadKind("pakn")).toThrow(/declared twice/);
  });

  it("encodes, recognises and splits its own payloads only", () => {
    const kind = payloadKind("probe");
    const raw = kind.encode("PAKN.20261122.0012", 5);
    expect(raw).toBe("probe|PAKN.20261122.0012|5");
    expect(kind.owns(raw)).toBe(true);
    expect(kind.parts(raw)).toEqual(["PAKN.20261122.0012", "5"]);
    expect(kind.owns("probes|x")).toBe(false);
    expect(kind.parts("pakn|skip")).toBeNull();
    expect(kind.parts(undefined)).toBeNull();
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(64);
  });
});
