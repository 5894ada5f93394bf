import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOfficer } from "../../../feedback/officers/officer-repo.js";
import { BUNDLED_PROCEDURES_FILE } from "../../../knowledge/bundled.js";
import { ARTIFACTS_DIR, launchBrowser } from "../../helpers/browser.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";

describe("the first admin in a real browser", () => {
  let t: TestSite;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await buildTestSite({ driver: "pglite" });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${ARTIFACTS_DIR}console-${name}.png`, fullPage: true });

  it("signs in with the one-time password, changes it, creates an officer, fixes a data file, imports procedures", async () => {
    await createOfficer(t.database.db, {
      email: "admin@tinh.gov.vn",
      name: "Phạm Quản Trị",
      role: "admin",
      password: "abcd-efgh-jkmn-pqrs",
      mustChangePassword: true,
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/officer/quan-tri`);
    expect(page.url()).toContain("/officer/login?next=%2Fofficer%2Fquan-tri");
    await page.getByLabel("Email công vụ").fill("admin@tinh.gov.vn");
    await page.getByLabel("Mật khẩu").fill("abcd-efgh-jkmn-pqrs");
    await shot(page, "login");
    await page.getByRole("button", { name: "Đăng nhập" }).click();

    await page.waitForURL(/doi-mat-khau/);
    await page.getByLabel("Mật khẩu hiện tại").fill("abcd-efgh-jkmn-pqrs");
    await page.getByLabel(/^Mật khẩu mới/).fill("mat-khau-rieng-2026");
    await page.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-rieng-2026");
    await shot(page, "change-password");
    await page.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
    await page.waitForURL(`${base}/officer/quan-tri`);

    await page.getByRole("link", { name: "Tài khoản cán bộ" }).click();
    await page.getByLabel("Email công vụ").fill("canbo@xaydung.gov.vn");
    await page.getByLabel("Họ và tên").fill("Trần Thị Bình");
    await page.getByLabel("Vai trò").selectOption("officer");
    await page.getByLabel(/^Cơ quan/).selectOption("so-xay-dung");
    await page.getByRole("button", { name: /Tạo tài khoản/ }).click();
    expect(await page.locator(".one-time-password").textContent()).toMatch(/^[a-z2-9-]{19}$/);
    await shot(page, "officers");

    await page.goto(`${base}/officer/quan-tri/du-lieu/routing-rules.tsv`);
    const box = page.getByLabel("Nội dung tệp");
    await box.fill(`${await box.inputValue()}\nmưa bão\tSở Thời Tiết\tThiên tai\n`);
    await page.getByRole("button", { name: "Kiểm tra và lưu" }).click();
    expect(await page.getByRole("alert").textContent()).toContain('không có cơ quan "Sở Thời Tiết"');
    await shot(page, "data-file-error");

    await page.goto(`${base}/officer/quan-tri/nhap-thu-tuc`);
    const lines = gunzipSync(readFileSync(BUNDLED_PROCEDURES_FILE))
      .toString("utf8")
      .split("\n")
      .slice(0, 2000);
    await page.getByLabel("Tệp thủ tục").setInputFiles({
      name: "thu-tuc-tinh.jsonl",
      mimeType: "application/x-ndjson",
      buffer: Buffer.from(lines.join("\n")),
    });
    await page.getByRole("button", { name: "Tải lên và nhập" }).click();
    await page.waitForURL(/nhap-thu-tuc\/[a-f0-9]{16}$/);
    expect(await page.locator("progress#kb-progress").count()).toBe(1);
    // The page's script polls the JSON endpoint and reloads when the import is over.
    await page.getByText("mới,", { exact: false }).first().waitFor({ timeout: 60_000 });
    expect(await page.locator("main").textContent()).toContain("2000 mới");
    await shot(page, "kb-import");

    await page.goto(`${base}/officer/quan-tri/nhat-ky`);
    expect(await page.locator("tbody tr").first().textContent()).toContain("Nhập thủ tục xong");
    await shot(page, "audit-log");

    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL(/\/officer\/login$/);
    await page.close();
  }, 120_000);
});
