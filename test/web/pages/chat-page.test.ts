import type { FastifyInstance } from "fastify";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWebApp } from "../../../web/app.js";
import { createTestDispatcher } from "../../helpers/bot.js";
import { ARTIFACTS_DIR, launchBrowser } from "../../helpers/browser.js";
import { silentLogger } from "../../helpers/knowledge.js";
import { createTestRedis } from "../../helpers/redis.js";

describe("web chat page in a real browser", () => {
  const r = createTestRedis();
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    app = await buildWebApp({
      dispatcher: createTestDispatcher(r),
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

  it("lets a citizen ask, read the answer, press a button, and never runs HTML from messages", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${base}/chat`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("thủ tục");

    const box = page.getByLabel("Câu hỏi của bạn");
    await box.fill("đăng ký khai sinh cần giấy tờ gì");
    await box.press("Enter");
    const answer = page.locator(".msg.bot").nth(1);
    await answer.waitFor();
    expect(await answer.textContent()).toContain("1.001193");

    // A choice under the answer (not its "Xem tiếp" paging control).
    await answer.locator(".buttons button").first().click();
    await page.locator(".msg.bot").nth(2).waitFor();
    expect(await page.locator(".msg.bot").nth(2).textContent()).toContain("1.001193");

    await box.fill('<img src=x onerror="window.__owned=1"> **đậm**');
    await box.press("Enter");
    await page.locator(".msg.bot").nth(3).waitFor();
    expect(await page.locator(".msg.user").last().textContent()).toContain("<img src=x");
    expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();

    await page.screenshot({ path: `${ARTIFACTS_DIR}chat-page.png` });
    await page.close();
  }, 120_000);
});
