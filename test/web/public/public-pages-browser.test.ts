import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaknRow } from "../../../feedback/pakn-repo.js";
import { ARTIFACTS_DIR, launchBrowser } from "../../helpers/browser.js";
import { seedPublicPakn } from "../../helpers/published-pakn.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

const at = (iso: string) => new Date(`${iso}+07:00`);

/** Whether the page fits the phone's width (nothing to scroll sideways but the stats tables). */
const overflowsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

describe("public pages in a real browser", () => {
  let t: TestSite;
  let browser: Browser;
  let base: string;
  let flood: PaknRow;

  beforeAll(async () => {
    t = await buildTestSite({ clock: at("2026-06-15T10:00:00") });
    const db = t.database.db;
    flood = await seedPublicPakn(db, {
      contact: { name: "Trần Thị Hoa", phone: "0987654321", address: "số 12 đường Lê Lợi" },
      content:
        "Tôi là Trần Thị Hoa, điện thoại 0987654321. Đường liên thôn trước nhà tôi ở số 12 đường Lê Lợi bị ngập sâu sau mỗi trận mưa, học sinh phải lội nước đến trường.",
      answer:
        "Sở Xây dựng đã phối hợp với UBND xã nạo vét toàn bộ cống thoát nước dọc tuyến và nâng cốt mặt đường đoạn trũng. Công trình hoàn thành ngày 10/3/2026.",
      receivedAt: at("2026-03-02T09:00:00"),
      answerDueAt: at("2026-03-20T23:59:59.999"),
      answeredAt: at("2026-03-10T09:00:00"),
      rating: 5,
    });
    const samples: [string, string, string, string][] = [
      [
        "so-nn-mt",
        "Đất đai",
        "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất đã quá hạn hai tháng.",
        "2026-04-03",
      ],
      ["so-nn-mt", "Môi trường", "Rác thải đổ trộm ven sông gây ô nhiễm, mùi hôi nồng nặc.", "2026-04-15"],
      ["so-y-te", "Y tế", "Trạm y tế xã thường xuyên đóng cửa vào giờ hành chính.", "2026-05-04"],
      ["thue", "Thuế", "Hoàn thuế thu nhập cá nhân qua mạng bị treo hồ sơ nhiều tuần.", "2026-05-20"],
      [
        "so-giao-duc",
        "Giáo dục",
        "Trường tiểu học thu thêm nhiều khoản ngoài quy định đầu năm học.",
        "2026-02-10",
      ],
    ];
    for (const [i, [agencyId, field, content, day]] of samples.entries()) {
      const receivedAt = at(`${day}T09:00:00`);
      await seedPublicPakn(db, {
        agencyId,
        field,
        content,
        receivedAt,
        answerDueAt: new Date(receivedAt.getTime() + 15 * 86_400_000),
        answeredAt: new Date(receivedAt.getTime() + (i % 2 ? 20 : 6) * 86_400_000),
        answer: `Cơ quan đã kiểm tra, xử lý nội dung phản ánh và thông báo kết quả cho người dân (lần ${i + 1}).`,
        rating: 3 + (i % 3),
      });
    }
    await seedPublicPakn(db, {
      stage: "open",
      agencyId: "so-y-te",
      receivedAt: at("2026-05-02T09:00:00"),
      answerDueAt: at("2026-05-22T23:59:59"),
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

  it("lets a visitor on a phone search without diacritics, open an answer and read the statistics", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${base}/`);
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS_DIR}public-home.png`, fullPage: true });
    await page.getByRole("link", { name: "Phản ánh, kiến nghị đã được trả lời" }).click();
    await page.waitForURL(/\/phan-anh$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("đã được trả lời");
    expect(await page.locator(".pakn-item").count()).toBe(6);
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS_DIR}public-listing.png`, fullPage: true });

    await page.getByLabel("Từ khóa").fill("ngap sau");
    await page.getByRole("button", { name: "Tìm" }).click();
    await page.waitForURL(/q=ngap/);
    expect(await page.locator(".pakn-item").count()).toBe(1);
    const body = await page.locator("main").textContent();
    expect(body).not.toContain("Trần Thị Hoa");
    expect(body).not.toContain("0987654321");

    await page.getByRole("link", { name: new RegExp(flood.code.replace(/\./g, "\\.")) }).click();
    await page.waitForURL(new RegExp(`/phan-anh/${flood.code}$`));
    expect(await page.getByRole("heading", { level: 2, name: /Trả lời của Sở Xây dựng/ }).count()).toBe(1);
    expect(await page.locator("main").textContent()).toContain("Trả lời đúng hạn");
    expect(await page.locator("main").textContent()).not.toMatch(/Trần Thị Hoa|0987654321|Lê Lợi/);
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS_DIR}public-detail.png`, fullPage: true });

    await page.getByRole("link", { name: "Thống kê" }).click();
    await page.waitForURL(/\/thong-ke$/);
    const chart = page.getByRole("img", { name: /Tỉ lệ trả lời đúng hạn theo cơ quan/ });
    expect(await chart.count()).toBe(1);
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(await page.getByRole("table", { name: /Số liệu theo cơ quan/ }).count()).toBe(1);
    expect(await page.getByRole("img", { name: /tiếp nhận và đã trả lời theo tháng/ }).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS_DIR}public-stats.png`, fullPage: true });
    await page.close();

    const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await wide.goto(`${base}/thong-ke`);
    await wide.screenshot({ path: `${ARTIFACTS_DIR}public-stats-wide.png`, fullPage: true });
    await wide.goto(`${base}/phan-anh`);
    await wide.screenshot({ path: `${ARTIFACTS_DIR}public-listing-wide.png`, fullPage: true });
    await wide.close();
  });
});
