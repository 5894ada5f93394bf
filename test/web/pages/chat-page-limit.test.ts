import type { FastifyInstance } from "fastify";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWebApp } from "../../../web/app.js";
import { createChatIpLimit } from "../../../web/chat-ip-limit.js";
import { createTestDispatcher } from "../../helpers/bot.js";
import { ARTIFACTS_DIR, launchBrowser } from "../../helpers/browser.js";
import { silentLogger } from "../../helpers/knowledge.js";
import { createTestRedis } from "../../helpers/redis.js";

describe("web chat page when the visitor's network is over its budget", () => {
  const r = createTestRedis();
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    app = await buildWebApp({
      dispatcher: createTestDispatcher(r),
      // One message per window: the second one is refused.
      chatIpLimit: createChatIpLimit(r.redis, {
        windowSeconds: 600,
        messages: 1,
        newSessions: 1,
        now: () => Date.UTC(2026, 2, 2, 2, 1, 0),
        prefix: r.prefix,
      }),
      logger: silentLogger,
      sessionSecret: "browser-test-secret-0123456789",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await r.dispose();
  });

  it("shows the polite request to wait, not a generic error", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${base}/chat`);
    const box = page.getByLabel("Câu hỏi của bạn");
    await box.fill("đăng ký khai sinh cần giấy tờ gì");
    await box.press("Enter");
    await page.locator(".msg.bot").nth(1).waitFor();
    expect(await page.locator(".msg.bot").nth(1).textContent()).toContain("1.001193");

    await box.fill("lệ phí bao nhiêu");
    await box.press("Enter");
    const refused = page.locator(".msg.bot").nth(2);
    await refused.waitFor();
    expect(await refused.textContent()).toContain("quá nhiều tin nhắn");
    expect(await refused.textContent()).toContain("đợi khoảng 9 phút");
    await page.screenshot({ path: `${ARTIFACTS_DIR}chat-page-limit.png` });
    await page.close();
  }, 120_000);
});
