import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cannedAnswers } from "../../../db/schema.js";
import { endOfLocalDay } from "../../../feedback/working-calendar.js";
import { ARTIFACTS_DIR, launchBrowser } from "../../helpers/browser.js";
import { seedPakn } from "../../helpers/console-work.js";
import { createTestOfficer } from "../../helpers/officers.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

const overflowsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

describe("the officer's inbox and PAKN page in a real browser", () => {
  let t: TestSite;
  let browser: Browser;
  let base: string;
  let credentials: { email: string; password: string };
  let code: string;

  beforeAll(async () => {
    t = await buildTestSite({ clock: new Date("2026-03-10T03:00:00Z") });
    const db = t.database.db;
    const { officer, password } = await createTestOfficer(db, { role: "officer", name: "Lê Văn Cán" });
    credentials = { email: officer.email, password };
    await seedPakn(db, { content: "Cầu dân sinh bị sập một nửa.", answerDueAt: endOfLocalDay("2026-03-09") });
    await seedPakn(db, { content: "Đèn tín hiệu ở ngã tư hỏng.", answerDueAt: endOfLocalDay("2026-03-11") });
    const item = await seedPakn(db, {
      status: "in_progress",
      content: "Đường liên thôn bị ngập sâu sau mưa, xe máy không đi được.",
      answerDueAt: endOfLocalDay("2026-03-20"),
    });
    code = item.code;
    await db.insert(cannedAnswers).values({
      agencyId: "so-xay-dung",
      title: "Đã khắc phục",
      body: "Đơn vị đã khắc phục xong, cảm ơn ông/bà đã phản ánh.",
    });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  it("signs in on a phone, finds an item without diacritics, inserts a canned answer and sends the draft", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "vi-VN" });
    const page = await context.newPage();
    await page.goto(`${base}/officer`);
    await page.fill("#email", credentials.email);
    await page.fill("#password", credentials.password);
    await Promise.all([page.waitForURL(`${base}/officer`), page.click("button[type=submit]")]);
    expect(await page.textContent(".inbox-summary")).toContain("1 quá hạn, 1 sắp đến hạn");
    await page.screenshot({ path: `${ARTIFACTS_DIR}/console-inbox-phone.png`, fullPage: true });
    expect(await overflowsSideways(page)).toBe(false);
    await page.fill("#q", "duong lien thon");
    await Promise.all([page.waitForURL(/q=duong/), page.click(".filter-buttons button")]);
    await Promise.all([
      page.waitForURL(`${base}/officer/pakn/${code}`),
      page.click(`a[href="/officer/pakn/${code}"]`),
    ]);
    await page.fill("#answer", "Kính gửi ông/bà. ");
    await page.click("form.canned-picker button");
    expect(await page.inputValue("#answer")).toBe(
      "Kính gửi ông/bà. Đơn vị đã khắc phục xong, cảm ơn ông/bà đã phản ánh.",
    );
    expect(page.url()).toBe(`${base}/officer/pakn/${code}`);
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS_DIR}/console-pakn-phone.png`, fullPage: true });
    await Promise.all([
      page.waitForURL(`${base}/officer/pakn/${code}`),
      page.click("#tra-loi form[method=post] button"),
    ]);
    expect(await page.textContent("[role=status]")).toContain("Đã lưu dự thảo trả lời");
    expect(await page.textContent("h1")).toContain("Có dự thảo, chờ lãnh đạo duyệt");
    await context.close();
  });

  it("reads well on a laptop", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    const page = await context.newPage();
    await page.goto(`${base}/officer/login`);
    await page.fill("#email", credentials.email);
    await page.fill("#password", credentials.password);
    await Promise.all([page.waitForURL(`${base}/officer`), page.click("button[type=submit]")]);
    await page.screenshot({ path: `${ARTIFACTS_DIR}/console-inbox-laptop.png`, fullPage: true });
    await page.goto(`${base}/officer/pakn/${code}`);
    await page.screenshot({ path: `${ARTIFACTS_DIR}/console-pakn-laptop.png`, fullPage: true });
    expect(await page.locator("h2").allTextContents()).toContain("Lịch sử xử lý");
    await context.close();
  });
});
