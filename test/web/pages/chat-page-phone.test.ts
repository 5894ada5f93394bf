import { copyFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebInbox } from "../../../bot/channels/web-inbox.js";
import type { Database } from "../../../db/client.js";
import { buildWebApp } from "../../../web/app.js";
import { createTestDispatcher, testFeedbackService } from "../../helpers/bot.js";
import { ARTIFACTS_DIR, launchBrowser } from "../../helpers/browser.js";
import { createTestDatabase } from "../../helpers/databases.js";
import { silentLogger } from "../../helpers/knowledge.js";
import { createTestRedis } from "../../helpers/redis.js";
import { taggedJpeg } from "../../helpers/tagged-photos.js";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const QUESTION = "đăng ký khai sinh cần giấy tờ gì";
const SLOW = 120_000;

describe("web chat page on a phone and a laptop", () => {
  const r = createTestRedis();
  const inbox = createWebInbox(r.redis, { prefix: r.prefix });
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let database: Database;
  let disposeDb: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose: disposeDb } = await createTestDatabase("pglite"));
    app = await buildWebApp({
      dispatcher: createTestDispatcher(r, { feedback: testFeedbackService(database.db) }),
      inbox,
      logger: silentLogger,
      sessionSecret: "browser-test-secret-0123456789",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    browser = await launchBrowser();
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await r.dispose();
    await disposeDb?.();
  });

  const open = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${base}/chat`);
    return page;
  };
  const ask = async (page: Page, text: string) => {
    const before = await page.locator(".msg.bot").count();
    const box = page.getByLabel("Câu hỏi của bạn");
    await box.fill(text);
    await box.press("Enter");
    await page.locator(".msg.bot").nth(before).waitFor();
    return page.locator(".msg.bot").nth(before);
  };
  /** Where the fixed input bar starts, in viewport pixels. */
  const barTop = (page: Page) => page.locator("#ask").evaluate((el) => el.getBoundingClientRect().top);
  const box = async (l: Locator) => {
    const b = await l.boundingBox();
    if (!b) throw new Error("not rendered");
    return b;
  };

  for (const [name, viewport] of [
    ["phone", PHONE],
    ["laptop", LAPTOP],
  ] as const) {
    it(
      `${name}: a new answer shows its start with its choices above the input bar, long ones page by "Xem tiếp"`,
      async () => {
        const page = await open(viewport);
        const answer = await ask(page, QUESTION);
        const top = await barTop(page);
        const start = await box(answer);
        expect(start.y).toBeGreaterThanOrEqual(0);
        expect(start.y).toBeLessThan(viewport.height / 3);
        expect(await answer.textContent()).toContain("1.001193");
        // Every control in the answer the citizen can see now is above the bar, not under it.
        const controls = answer.locator("button:visible");
        expect(await controls.count()).toBeGreaterThan(1);
        const last = await box(controls.last());
        expect(last.y + last.height).toBeLessThanOrEqual(top);
        await page.screenshot({ path: `${ARTIFACTS_DIR}chat-${name}-answer.png` });

        // "Xem đầy đủ": one answer in one bubble, its first screen, then the next part on request.
        await answer
          .getByRole("button", { name: /Xem đầy đủ/ })
          .first()
          .click();
        const full = page.locator(".msg.bot").nth(2);
        await full.waitFor();
        expect(await page.locator(".msg.bot").count()).toBe(3);
        const more = full.getByRole("button", { name: "Xem tiếp" });
        expect(await more.isVisible()).toBe(true);
        const firstPart = (await full.locator(".part").first().textContent()) ?? "";
        expect(firstPart.length).toBeGreaterThan(100);
        expect((await box(full)).y).toBeLessThan(viewport.height / 3);
        const moreBox = await box(more);
        expect(moreBox.y + moreBox.height).toBeLessThanOrEqual(await barTop(page));
        if (name === "phone") {
          await page.waitForTimeout(300);
          const shot = `${ARTIFACTS_DIR}chat-phone-after.png`;
          await page.screenshot({ path: shot });
          if (process.env.CHAT_SCREENSHOT_TO) copyFileSync(shot, process.env.CHAT_SCREENSHOT_TO);
        }
        await more.click();
        const second = full.locator(".part").nth(1);
        await second.waitFor();
        const secondBox = await box(second);
        expect(secondBox.y).toBeGreaterThanOrEqual(0);
        expect(secondBox.y).toBeLessThan(viewport.height / 3);
        expect((await second.textContent())?.length).toBeGreaterThan(50);
        await page.context().close();
      },
      SLOW,
    );
  }

  it(
    "keeps the conversation on reload, from the server, with nothing stored in the browser",
    async () => {
      const page = await open(PHONE);
      await ask(page, QUESTION);
      await ask(page, "lệ phí bao nhiêu");
      const shown = await page.locator(".msg").count();
      await page.reload();
      await page.locator(".msg.user").nth(1).waitFor();
      expect(await page.locator(".msg").count()).toBe(shown);
      expect(await page.locator(".msg.user").first().textContent()).toBe(QUESTION);
      expect(await page.locator(".msg.user").nth(1).textContent()).toBe("lệ phí bao nhiêu");
      // Choices only under the latest replies: older ones are history.
      expect(await page.locator(".msg.bot").nth(1).locator(".buttons").count()).toBe(0);
      expect(await page.locator(".msg.bot").last().locator(".buttons button").count()).toBeGreaterThan(0);
      const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
      expect(stored).toBe(0);
      // A button pressed after the reload still works and is remembered by its label.
      const label =
        (await page.locator(".msg.bot").last().locator(".buttons button").first().textContent()) ?? "";
      await page.locator(".msg.bot").last().locator(".buttons button").first().click();
      await page.locator(".msg.user").nth(2).waitFor();
      await page.reload();
      await page.locator(".msg.user").nth(2).waitFor();
      expect(await page.locator(".msg.user").nth(2).textContent()).toBe(label);
      await page.context().close();
    },
    SLOW,
  );

  it(
    "counts characters while typing, refuses a too-long message in words, and keeps every character",
    async () => {
      const page = await open(PHONE);
      const box = page.getByLabel("Câu hỏi của bạn");
      await box.fill("lệ phí");
      expect(await page.locator("#count").textContent()).toBe("6/1.000 ký tự");
      const long = `${"Tôi muốn hỏi về thủ tục đăng ký khai sinh cho con. ".repeat(70).slice(0, 3045)}.`;
      expect(long.trim().length).toBe(3046);
      await box.fill(long);
      const count = (await page.locator("#count").textContent()) ?? "";
      expect(count).toContain("3.046/1.000 ký tự");
      expect(count).toContain("dài quá 2.046 ký tự");
      await box.press("Enter");
      await page.getByRole("button", { name: "Gửi", exact: true }).click();
      await page.waitForTimeout(500);
      expect(await page.locator(".msg.user").count()).toBe(0);
      expect(await box.inputValue()).toBe(long);
      expect(await page.locator("#status").textContent()).toContain("rút gọn");
      await page.context().close();
    },
    SLOW,
  );

  it(
    "shows a PAKN status change within seconds, and one that came while away on load",
    async () => {
      const page = await open(PHONE);
      await ask(page, QUESTION);
      // The conversation is the cookie's signed random id ("<id>.<signature>").
      const cookies = await page.context().cookies();
      const signed = decodeURIComponent(cookies.find((c) => c.name === "mc_chat")?.value ?? "");
      const conversation = signed.slice(0, signed.lastIndexOf("."));
      expect(conversation).toMatch(/^[0-9a-f-]{36}$/);
      const pushedAt = Date.now();
      await inbox.channel.push?.(conversation, [
        { text: "PAKN.20261122.0012: đã có kết quả xử lý.", buttons: [] },
      ]);
      await page.getByText("PAKN.20261122.0012: đã có kết quả xử lý.").waitFor({ timeout: 10_000 });
      expect(Date.now() - pushedAt).toBeLessThan(8_000);

      await page.close();
      await inbox.channel.push?.(conversation, [
        { text: "PAKN.20261122.0012: đã được công khai.", buttons: [] },
      ]);
      const again = await page.context().newPage();
      await again.goto(`${base}/chat`);
      await again.getByText("PAKN.20261122.0012: đã được công khai.").waitFor({ timeout: 3_000 });
      expect(await again.getByText("PAKN.20261122.0012: đã có kết quả xử lý.").count()).toBe(1);
      await again.context().close();
    },
    SLOW,
  );

  it(
    "attaches a photo when the PAKN intake asks for one, and refuses other files in words before sending",
    async () => {
      const page = await open(PHONE);
      await ask(page, "/phananh");
      // The reply to the button must be in before the next message is typed, or that message's
      // "next bot bubble" would be this reply (a race seen on a loaded machine).
      const prompts = await page.locator(".msg.bot").count();
      await page.locator(".msg.bot").last().getByRole("button", { name: "Phản ánh" }).click();
      await page.locator(".msg.user").nth(1).waitFor();
      await page.locator(".msg.bot").nth(prompts).waitFor();
      await ask(page, "Đoạn đường liên thôn 3 bị ngập sâu nửa mét mỗi khi mưa, học sinh không đi học được");
      const asked = await ask(page, "Thôn 3, xã Hòa Tiến");
      expect(await asked.textContent()).toContain("ảnh");

      const users = await page.locator(".msg.user").count();
      await page.locator("#photo").setInputFiles({
        name: "don.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.7"),
      });
      await page.getByText("Tôi chỉ nhận ảnh JPG, PNG hoặc WebP").waitFor();
      expect(await page.locator(".msg.user").count()).toBe(users);

      const before = await page.locator(".msg.bot").count();
      await page.locator("#photo").setInputFiles({
        name: "hien-truong.jpg",
        mimeType: "image/jpeg",
        buffer: await taggedJpeg(),
      });
      const received = page.locator(".msg.bot").nth(before);
      await received.waitFor();
      expect(await received.textContent()).toContain("Đã nhận 1 tệp đính kèm");
      expect(await page.locator(".msg.user").last().textContent()).toBe("[Ảnh đính kèm]");
      const next = received.locator(".buttons button").first();
      const nextBox = await box(next);
      expect(nextBox.y + nextBox.height).toBeLessThanOrEqual(await barTop(page));
      await page.context().close();
    },
    SLOW,
  );
});
