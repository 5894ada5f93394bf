import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLessons } from "../../../feedback/learning/lesson-repo.js";
import { type MissKind, recordMiss } from "../../../feedback/learning/miss-log.js";
import { createOfficer } from "../../../feedback/officers/officer-repo.js";
import { ARTIFACTS_DIR, launchBrowser } from "../../helpers/browser.js";
import { bundledKnowledgeBase } from "../../helpers/knowledge.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";
import { TEST_NOW } from "../../helpers/test-clock.js";

/** One need (a lost land-use certificate, "sổ đỏ") asked in several ways the assistant got wrong. */
const ASKED: Array<[string, MissKind]> = [
  ["mất giấy chứng nhận quyền sử dụng đất thì làm lại thế nào", "unhelpful"],
  ["cấp lại giấy chứng nhận quyền sử dụng đất do bị mất", "unhelpful"],
  ["đánh mất giấy chứng nhận quyền sử dụng đất phải làm sao", "not_found"],
  ["tôi bị mất sổ đỏ muốn làm lại", "clarify"],
  ["xin cấp lại sổ đỏ bị mất", "unhelpful"],
];
/**
 * A new phrasing, close to the group's, for which the assistant offers a choice until taught (an
 * answer it already gives is corrected for the same words only: `override` in learning-weights.json).
 */
const NEXT_QUESTION = "tôi làm mất sổ đỏ rồi";

const VIEWPORTS = [
  { device: "phone", viewport: { width: 390, height: 844 } },
  { device: "laptop", viewport: { width: 1280, height: 800 } },
] as const;

const overflowsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

describe.each(VIEWPORTS)(
  "a knowledge editor links a group of questions to a procedure ($device)",
  ({ device, viewport }) => {
    const kb = bundledKnowledgeBase();
    let t: TestSite;
    let browser: Browser;
    let base: string;

    const ask = async (text: string): Promise<string> => {
      const res = await fetch(`${base}/api/chat/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { replies: Array<{ text: string }> };
      return body.replies[0]?.text ?? "";
    };

    beforeAll(async () => {
      kb.setLessons([]);
      t = await buildTestSite({
        clock: TEST_NOW,
        // This process answers with a new lesson at once: the shared knowledge base loads them from this database.
        site: { refreshLessons: async () => kb.setLessons(await loadLessons(t.database.db)) },
      });
      const db = t.database.db;
      await createOfficer(db, {
        email: "bientap@tinh.gov.vn",
        name: "Lê Biên Tập",
        role: "editor",
        agencyId: null,
        password: "mat-khau-bien-tap-2026",
        mustChangePassword: false,
      });
      for (const [i, [text, kind]] of ASKED.entries())
        await recordMiss(
          { db, now: () => new Date(TEST_NOW.getTime() - (ASKED.length - i) * 3600_000) },
          {
            kind,
            channel: "web",
            text,
            candidates: kb
              .search(text, 3)
              .map((h) => ({ code: h.procedure.code, name: h.procedure.name, score: h.score })),
          },
        );
      await recordMiss(
        { db, now: () => TEST_NOW },
        { kind: "not_found", channel: "web", text: "cho hỏi giờ mở cửa thư viện tỉnh", candidates: [] },
      );
      await t.app.listen({ port: 0, host: "127.0.0.1" });
      const address = t.app.server.address();
      base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
      browser = await launchBrowser();
    });
    afterAll(async () => {
      kb.setLessons([]);
      await browser?.close();
      await t?.dispose();
    });

    it("signs in, finds the procedure's code, links the group, and the next web-chat answer is that procedure", async () => {
      const target = kb.search("xin cấp lại sổ đỏ bị mất", 1)[0]?.procedure;
      expect(target?.code).toBe("1.012786");
      const name = target?.name ?? "";
      expect(name).toContain("Cấp lại Giấy chứng nhận do bị mất");
      expect(await ask(NEXT_QUESTION)).toContain("Bạn muốn hỏi thủ tục nào dưới đây?");

      const context = await browser.newContext({ viewport, locale: "vi-VN" });
      const page = await context.newPage();
      await page.goto(`${base}/officer/tri-thuc`);
      expect(page.url()).toContain("/officer/login?next=");
      await page.fill("#email", "bientap@tinh.gov.vn");
      await page.fill("#password", "mat-khau-bien-tap-2026");
      await Promise.all([page.waitForURL(`${base}/officer/tri-thuc`), page.click("button[type=submit]")]);
      expect(await page.getByRole("link", { name: "Tri thức" }).count()).toBe(1);
      expect(await page.locator("h1").textContent()).toBe("Câu hỏi chưa trả lời được");

      // The largest group is the lost certificate, asked in at least four ways.
      const group = page.locator("section.miss-group").first();
      const examples = await group.locator("ul.examples li").allTextContents();
      expect(examples.length).toBeGreaterThanOrEqual(4);
      expect(examples).toContain(ASKED[0]?.[0]);
      expect(await group.textContent()).not.toContain("thư viện tỉnh");
      await page.screenshot({ path: `${ARTIFACTS_DIR}console-learning-${device}.png`, fullPage: true });
      expect(await overflowsSideways(page)).toBe(false);

      // The editor looks the code up with the page's search box.
      await page.getByLabel(/^Tìm mã thủ tục/).fill("cấp lại sổ đỏ bị mất");
      await Promise.all([page.waitForURL(/tim=/), page.getByRole("button", { name: "Tìm" }).click()]);
      expect(await page.locator("ul.procedure-hits").textContent()).toContain(target?.code);

      const form = page.locator("section.miss-group").first();
      await form.getByLabel("Đây là một thủ tục có sẵn").check();
      const guess = form.getByLabel(new RegExp(`\\(${target?.code.replace(/\./g, "\\.")}\\)`));
      if (device === "laptop" && (await guess.count()) > 0) await guess.check();
      else await form.getByLabel(/mã thủ tục/).fill(target?.code ?? "");
      await Promise.all([
        page.waitForURL(`${base}/officer/tri-thuc?ky=7`),
        form.getByRole("button", { name: "Lưu cách xử lý" }).click(),
      ]);
      expect(await page.getByRole("status").textContent()).toMatch(/^Đã lưu: [45] câu hỏi đã có câu trả lời/);
      expect(await page.locator("main").textContent()).not.toContain(ASKED[0]?.[0]);
      await page.screenshot({ path: `${ARTIFACTS_DIR}console-learning-saved-${device}.png`, fullPage: true });

      // The same app answers the next phrasing of that need with the procedure, without a restart.
      const answer = await ask(NEXT_QUESTION);
      expect(answer).toContain(name);
      expect(answer).not.toContain("Bạn muốn hỏi thủ tục nào dưới đây?");

      await page.goto(`${base}/officer/tri-thuc/bai-hoc`);
      expect(await page.locator("section.lesson").first().textContent()).toContain(name);
      expect(await overflowsSideways(page)).toBe(false);
      await context.close();
    }, 90_000);
  },
);
