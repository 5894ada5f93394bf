import { describe, expect, it } from "vitest";
import { secretTokenMatches } from "../../../../bot/channels/zalo-bot/index.js";

describe("secretTokenMatches", () => {
  it("matches only the exact secret", () => {
    expect(secretTokenMatches("s3cret-token", "s3cret-token")).toBe(true);
    expect(secretTokenMatches("s3cret-tokem", "s3cret-token")).toBe(false);
    expect(secretTokenMatches("s3cret", "s3cret-token")).toBe(false);
    expect(secretTokenMatches(undefined, "s3cret-token")).toBe(false);
    expect(secretTokenMatches("", "")).toBe(false);
    expect(secretTokenMatches(["s3cret-token"], "s3cret-token")).toBe(false);
  });
});
