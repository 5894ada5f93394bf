import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pakn } from "../../db/schema.js";
import { ARTIFACTS_DIR, launchBrowser } from "../helpers/browser.js";
import { seedPakn } from "../helpers/console-work.js";
import { callbackUpdate, textUpdate } from "../helpers/fake-telegram.js";
import { createTestOfficer } from "../helpers/officers.js";
import { startWalkthroughRig, type WalkthroughRig } from "../helpers/walkthrough-rig.js";

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
type Sent = { text: string; buttons: Array<{ text: string; callback_data: string }> };

const NAME = "Nguyễn Văn Bình";
const PHONE = "0912 345 678";
const ADDRESS = "số 12 xóm Đồng, thôn 5 xã Hòa Tiến";
const CONTENT = `Tôi là ${NAME}, số điện thoại ${PHONE}, nhà ở ${ADDRESS}. Mặt đường giao thông liên thôn 5 có nhiều ổ gà lớn, trời mưa xe máy đi lại rất nguy hiểm, đề nghị sửa chữa sớm.`;
const ANSWER =
  "Sở Xây dựng đã giao đơn vị quản lý đường bộ vá các ổ gà trên đường liên thôn 5 trong tháng này; đoạn nguy hiểm nhất được rào chắn và đặt biển cảnh báo.";
const QUESTION = "Đề nghị ông/bà cho biết nhà văn hóa thuộc thôn nào và hư hỏng từ khi nào.";
const SUPPLEMENT = "Nhà văn hóa thôn Trung, mái bị tốc từ cơn bão tháng trước, tường nứt nhiều chỗ.";

/** A citizen chatting with the bot over Telegram: types, presses buttons, reads what the bot sent. */
function telegramCitizen(rig: WalkthroughRig, chat: number) {
  const sent = (): Sent[] =>
    rig.telegram
      .callsOf("sendMessage")
      .filter((c) => c.body.chat_id === chat)
      .map((c) => ({
        text: String(c.body.text),
        buttons: (c.body.reply_markup as Keyboard | undefined)?.inline_keyboard.flat() ?? [],
      }));
  const waitFor = async (what: string, check: (m: Sent) => boolean, after = 0): Promise<Sent> => {
    const end = Date.now() + 20_000;
    for (;;) {
      const found = sent().slice(after).find(check);
      if (found) return found;
      if (Date.now() > end) throw new Error(`no message ${what}; got: ${sent().at(-1)?.text}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const nextReply = async (update: Record<string, unknown>) => {
    const before = sent().length;
    await rig.postUpdate(update);
    return waitFor("in reply", () => true, before);
  };
  return {
    sent,
    waitFor,
    say: (text: string) => nextReply(textUpdate(chat, text)),
    press: (message: Sent, label: string | RegExp) => {
      const button = message.buttons.find((b) =>
        typeof label === "string" ? b.text === label : label.test(b.text),
      );
      if (!button) throw new Error(`no button ${label} under: ${message.text}`);
      return nextReply(callbackUpdate(chat, button.callback_data));
    },
  };
}

/** Files a PAKN through the bot's intake dialog and returns its tracking code. */
async function fileOverTelegram(
  citizen: ReturnType<typeof telegramCitizen>,
  input: { content: string; place: string; name: string; phone: string; address: string },
): Promise<string> {
  let last = await citizen.say("/phananh");
  last = await citizen.press(last, "Phản ánh");
  last = await citizen.say(input.content);
  last = await citizen.say(input.place);
  last = await citizen.press(last, "Bỏ qua");
  last = await citizen.press(last, "Đồng ý");
  await citizen.say(input.name);
  await citizen.say(input.phone);
  last = await citizen.say(input.address);
  last = await citizen.press(last, "Xác nhận gửi");
  const code = /PAKN\.\d{8}\.\d{4}/.exec(last.text)?.[0];
  if (!code) throw new Error(`no tracking code in: ${last.text}`);
  return code;
}

describe("the PAKN desk from a citizen's Telegram message to the public answer, in a real browser", () => {
  let rig: WalkthroughRig;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    rig = await startWalkthroughRig();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await rig?.dispose();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${ARTIFACTS_DIR}walkthrough-${name}.png`, fullPage: true });
  const newPage = async (viewport = { width: 1280, height: 900 }) => {
    const context = await browser.newContext({ viewport, locale: "vi-VN" });
    contexts.push(context);
    return context.newPage();
  };
  const signIn = async (
    input: { email: string; password: string },
    viewport?: { width: number; height: number },
  ) => {
    const page = await newPage(viewport);
    await page.goto(`${rig.base}/officer/login`);
    await page.getByLabel("Email công vụ").fill(input.email);
    await page.getByLabel("Mật khẩu").fill(input.password);
    await Promise.all([
      page.waitForURL(`${rig.base}/officer`),
      page.getByRole("button", { name: "Đăng nhập" }).click(),
    ]);
    return page;
  };
  const statusOf = async (code: string) =>
    (await rig.database.db.select().from(pakn).where(eq(pakn.code, code)))[0];
  const waitForStatus = async (code: string, wanted: string) => {
    const end = Date.now() + 20_000;
    while ((await statusOf(code))?.status !== wanted) {
      if (Date.now() > end) throw new Error(`${code} is ${(await statusOf(code))?.status}, wanted ${wanted}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const agencyRow = (page: Page, name: string) =>
    page
      .locator("table.stats")
      .first()
      .locator("tbody tr", { has: page.locator("th", { hasText: name }) });

  it("files on Telegram, is routed, answered by the officer, approved and published by the leader, shown without the sender's details, and rated", async () => {
    const db = rig.database.db;
    const citizen = telegramCitizen(rig, 7101);
    const code = await fileOverTelegram(citizen, {
      content: CONTENT,
      place: "đường liên thôn 5 xã Hòa Tiến",
      name: NAME,
      phone: PHONE,
      address: ADDRESS,
    });
    // The pipeline routes it to Sở Xây dựng and tells the citizen.
    await waitForStatus(code, "assigned");
    expect((await statusOf(code))?.agencyId).toBe("so-xay-dung");
    await citizen.waitFor(
      "about the assignment",
      (m) => m.text.includes(code) && m.text.includes("Sở Xây dựng"),
    );

    const other = await seedPakn(db, {
      status: "in_progress",
      content: "Đèn tín hiệu ở ngã tư trung tâm hỏng.",
      answerDueAt: new Date(Date.now() + 10 * 86_400_000),
    });
    const officer = await createTestOfficer(db, { role: "officer", name: "Lê Văn Cán" });
    const page = await signIn({ email: officer.officer.email, password: officer.password });
    expect(await page.locator(".console-user").textContent()).toContain("Sở Xây dựng");
    expect(await page.locator("tbody tr").count()).toBe(2);
    await shot(page, "1-officer-inbox");
    await page.getByLabel(/Tìm theo mã/).fill("o ga duong lien thon");
    await Promise.all([page.waitForURL(/q=o\+ga/), page.getByRole("button", { name: "Lọc" }).click()]);
    expect(await page.locator("tbody tr").count()).toBe(1);
    expect(await page.locator(`a[href="/officer/pakn/${other.code}"]`).count()).toBe(0);
    await shot(page, "2-officer-search");
    await Promise.all([
      page.waitForURL(`${rig.base}/officer/pakn/${code}`),
      page.click(`a[href="/officer/pakn/${code}"]`),
    ]);
    expect(await page.locator("main").textContent()).toContain(NAME);
    await page.getByRole("button", { name: "Bắt đầu xử lý" }).click();
    await page.waitForLoadState();
    await page.locator("#answer").fill(ANSWER);
    await shot(page, "3-officer-answer");
    await page.getByRole("button", { name: "Lưu dự thảo, trình lãnh đạo duyệt" }).click();
    await page.waitForLoadState();
    expect(await page.getByRole("status").textContent()).toContain("Đã lưu dự thảo trả lời");
    await shot(page, "4-officer-answered");

    const leaderAccount = await createTestOfficer(db, { role: "leader", name: "Trần Thị Lãnh Đạo" });
    const leader = await signIn({ email: leaderAccount.officer.email, password: leaderAccount.password });
    await Promise.all([
      leader.waitForURL(`${rig.base}/officer/pakn/${code}`),
      leader.click(`a[href="/officer/pakn/${code}"]`),
    ]);
    const preview = (await leader.locator("section.public-preview").textContent()) ?? "";
    expect(preview).toContain("ổ gà");
    expect(preview).toContain(ANSWER);
    expect(preview).not.toContain(NAME);
    expect(preview.replace(/[\s.]/g, "")).not.toContain("0912345678");
    await shot(leader, "5-leader-preview");
    await leader.getByRole("button", { name: "Duyệt nội dung trả lời" }).click();
    await leader.waitForLoadState();
    await leader.getByLabel(/Tôi đã kiểm tra bản công khai/).check();
    await leader.getByRole("button", { name: "Công bố trả lời" }).click();
    await leader.waitForLoadState();
    await waitForStatus(code, "published");
    await shot(leader, "6-leader-published");

    const visitor = await newPage({ width: 390, height: 844 });
    await visitor.goto(`${rig.base}/phan-anh`);
    await visitor.getByLabel("Từ khóa").fill("o ga lien thon");
    await Promise.all([visitor.waitForURL(/q=o\+ga/), visitor.getByRole("button", { name: "Tìm" }).click()]);
    await shot(visitor, "7-public-listing");
    await Promise.all([
      visitor.waitForURL(`${rig.base}/phan-anh/${code}`),
      visitor.click(`a[href="/phan-anh/${code}"]`),
    ]);
    const text = (await visitor.locator("body").textContent()) ?? "";
    expect(text).toContain(ANSWER);
    expect(text).toContain("Sở Xây dựng");
    for (const secret of [NAME, "Văn Bình", "số 12 xóm Đồng", "xóm Đồng"]) expect(text).not.toContain(secret);
    const digits = text.replace(/[\s.\-()+]/g, "");
    expect(digits).not.toContain("912345678");
    expect((await visitor.content()).replace(/[\s.\-()+]/g, "")).not.toContain("912345678");
    await shot(visitor, "8-public-detail");

    await visitor.goto(`${rig.base}/thong-ke`);
    expect(await agencyRow(visitor, "Sở Xây dựng").locator("td").nth(1).textContent()).toBe("1");
    await shot(visitor, "9-public-stats");

    // The citizen gets the answer with five rating buttons and presses 5.
    const answerMessage = await citizen.waitFor("with the answer", (m) => m.text.includes(ANSWER));
    expect(answerMessage.buttons.map((b) => b.text)).toEqual([
      "1 – Rất kém",
      "2 – Kém",
      "3 – Bình thường",
      "4 – Hài lòng",
      "5 – Rất hài lòng",
    ]);
    const thanks = await citizen.press(answerMessage, /^5/);
    expect(thanks.text).toBe("Cảm ơn bạn đã đánh giá.");
    expect((await statusOf(code))?.rating).toBe(5);
    const later = await newPage();
    await later.goto(`${rig.base}/thong-ke`);
    expect(await agencyRow(later, "Sở Xây dựng").locator("td").nth(6).textContent()).toMatch(
      /^5,0\s*\(1 lượt\)$/,
    );
    await shot(later, "10-public-stats-rated");
    await later.goto(`${rig.base}/phan-anh/${code}`);
    expect(await later.locator("main").textContent()).toContain("5/5");
  }, 180_000);

  it("lets the coordinator route a triaged PAKN, the officer ask the citizen for more, and the citizen's supplement reach the history", async () => {
    const db = rig.database.db;
    const citizen = telegramCitizen(rig, 7202);
    const code = await fileOverTelegram(citizen, {
      content:
        "Nhà văn hóa thôn bị dột nát lâu nay, bà con không có chỗ sinh hoạt chung, mong được quan tâm sửa chữa.",
      place: "thôn Trung xã Hòa Tiến",
      name: "Phạm Thị Hương",
      phone: "0987 111 222",
      address: "thôn Trung xã Hòa Tiến",
    });
    await waitForStatus(code, "classified");

    const coordinatorAccount = await createTestOfficer(db, { role: "coordinator", name: "Đỗ Điều Phối" });
    const coordinator = await signIn({
      email: coordinatorAccount.officer.email,
      password: coordinatorAccount.password,
    });
    await coordinator.getByRole("link", { name: /chờ điều phối/ }).click();
    await coordinator.waitForURL(/triage=1/);
    await shot(coordinator, "11-coordinator-triage");
    await Promise.all([
      coordinator.waitForURL(`${rig.base}/officer/pakn/${code}`),
      coordinator.click(`a[href="/officer/pakn/${code}"]`),
    ]);
    await coordinator.getByLabel("Cơ quan nhận").selectOption("ubnd-xa");
    await coordinator.getByRole("button", { name: "Phân công" }).click();
    await coordinator.waitForLoadState();
    await shot(coordinator, "12-coordinator-assigned");
    await waitForStatus(code, "assigned");

    const officerAccount = await createTestOfficer(db, {
      role: "officer",
      agencyId: "ubnd-xa",
      name: "Vũ Văn Xã",
    });
    const officer = await signIn(
      { email: officerAccount.officer.email, password: officerAccount.password },
      { width: 390, height: 844 },
    );
    await Promise.all([
      officer.waitForURL(`${rig.base}/officer/pakn/${code}`),
      officer.click(`a[href="/officer/pakn/${code}"]`),
    ]);
    await officer.getByLabel(/Câu hỏi gửi người dân/).fill(QUESTION);
    await shot(officer, "13-officer-return");
    await officer.getByRole("button", { name: "Gửi đề nghị bổ sung" }).click();
    await officer.waitForLoadState();
    await waitForStatus(code, "returned");

    const request = await citizen.waitFor("with the officer's question", (m) => m.text.includes(QUESTION));
    const prompt = await citizen.press(request, "Gửi bổ sung");
    expect(prompt.text).toContain(QUESTION);
    const thanks = await citizen.say(SUPPLEMENT);
    expect(thanks.text).toContain("Cảm ơn bạn");
    await waitForStatus(code, "in_progress");

    await officer.reload();
    const history = (await officer.locator("ol.history").textContent()) ?? "";
    expect(history).toContain(SUPPLEMENT);
    expect(await officer.locator("h1").textContent()).toMatch(/xử lý/i);
    await shot(officer, "14-officer-supplement");
  }, 120_000);
});
