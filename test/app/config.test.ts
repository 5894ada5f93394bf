import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../app/config.js";

describe("configuration", () => {
  it("has working defaults for a first start", () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config).toMatchObject({
      DATA_DIR: "./data",
      REDIS_URL: "redis://127.0.0.1:6379",
      PORT: 3000,
      TELEGRAM_API_ROOT: "https://api.telegram.org",
      ZALO_API_ROOT: "https://openapi.zalo.me",
    });
  });

  it("treats empty variables as unset", () => {
    const config = loadConfig({ DATABASE_URL: "", TELEGRAM_BOT_TOKEN: "  " });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it("fails fast listing every problem at once", () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: "http",
        REDIS_URL: "localhost:6379",
        DATABASE_URL: "mysql://x",
        PUBLIC_URL: "nope",
        TELEGRAM_WEBHOOK_SECRET: "has spaces!",
        ZALO_BOT_WEBHOOK_SECRET: "short",
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of [
      "PORT",
      "REDIS_URL",
      "DATABASE_URL",
      "PUBLIC_URL",
      "TELEGRAM_WEBHOOK_SECRET",
      "ZALO_BOT_WEBHOOK_SECRET",
    ])
      expect(problems).toContain(name);
  });
});
