import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { pakn } from "../../db/schema.js";
import { createFeedbackService } from "../../feedback/feedback-service.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { workingDayDueDates } from "../../feedback/pakn-due-dates.js";
import { DRIVERS } from "../helpers/databases.js";
import { createTestOfficer, signInOfficer } from "../helpers/officers.js";
import { buildTestSite, type TestSite } from "../helpers/site.js";

/** Tuesday 10 March 2026, 10:00 in Viet Nam. */
const NOW = new Date("2026-03-10T03:00:00Z");
const OPEN311_KEY = "hostile-open311-key-0123456789";
const NUL = "\u0000";

describe.each(DRIVERS)("inputs that used to crash a request, on %s", (driver) => {
  let t: TestSite;
  let admin: { cookie: string; csrf: string };

  beforeAll(async () => {
    t = await buildTestSite({ driver, clock: NOW, site: { open311ApiKeys: [OPEN311_KEY] } });
    // The intake stamps receipt with the site's clock.
    t.site.feedback = createFeedbackService({
      db: t.database.db,
      dueDates: workingDayDueDates(loadWorkingCalendar()),
      now: () => t.clock.now,
    });
    const { officer, password } = await createTestOfficer(t.database.db, { role: "admin" });
    admin = await signInOfficer(t.app, { email: officer.email, password });
  });
  afterAll(async () => {
    await t.dispose();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const chat = (text: string, cookie?: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/chat/messages",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      payload: JSON.stringify({ text }),
    });
  const press = (payload: string, cookie: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/chat/messages",
      headers: { "content-type": "application/json", cookie },
      payload: JSON.stringify({ payload }),
    });

  it("files a PAKN typed in the web chat with NUL bytes in its content and address, and gives its code", async () => {
    // The chat's intake reads the process clock.
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    const first = await chat("/phananh");
    const cookie = String(first.headers["set-cookie"]).split(";")[0] as string;
    await press("pakn|kind|phan_anh", cookie);
    await chat(
      `Đèn đường trên trục chính thôn 4 xã Hòa Tiến${NUL} hỏng cả tháng nay, buổi tối rất nguy hiểm`,
      cookie,
    );
    await chat(`thôn 4${NUL} xã Hòa Tiến`, cookie);
    await press("pakn|skip", cookie);
    await press("pakn|yes", cookie);
    await chat("Trần Thị Mai", cookie);
    await chat("0987 654 321", cookie);
    const review = await chat(`thôn 4,${NUL} xã Hòa Tiến`, cookie);
    expect(review.statusCode).toBe(200);
    const done = await press("pakn|send", cookie);
    expect(done.statusCode).toBe(200);
    const text = done
      .json()
      .replies.map((r: { text: string }) => r.text)
      .join("\n");
    const code = /PAKN\.20260310\.\d{4}/.exec(text)?.[0];
    expect(code, text).toBeDefined();
    const [row] = await t.database.db
      .select()
      .from(pakn)
      .where(eq(pakn.code, code as string));
    expect(row?.content).toBe(
      "Đèn đường trên trục chính thôn 4 xã Hòa Tiến hỏng cả tháng nay, buổi tối rất nguy hiểm",
    );
    expect(row?.contactAddress).toBe("thôn 4, xã Hòa Tiến");
  });

  it("files a PAKN posted to Open311 with NUL bytes, as a form and as JSON", async () => {
    const fields = {
      api_key: OPEN311_KEY,
      service_code: "khac",
      description: `Cống thoát nước${NUL} trước trường tiểu học bị tắc, nước tràn lên mặt đường`,
      first_name: "Lan",
      last_name: `Nguyễn${NUL}`,
      phone: "0912345678",
      address_string: `Tổ 5,${NUL} phường Hòa Khánh`,
    };
    const form = await t.app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(fields).toString(),
    });
    expect(form.statusCode, form.body).toBe(201);
    const json = await t.app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ ...fields, description: `${fields.description} lần hai` }),
    });
    expect(json.statusCode, json.body).toBe(201);
  });

  it("keeps %00 in any filter from reaching the database", async () => {
    for (const url of [
      "/phan-anh?q=%00",
      "/phan-anh?linh_vuc=a%00b",
      "/phan-anh?co_quan=%00",
      "/thong-ke?tu=%00&den=%00",
      "/open311/v2/requests.json?service_code=%00",
      "/open311/v2/requests.json?service_request_id=PAKN.20260310.0001%00",
    ]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
    }
    for (const url of ["/officer?q=%00", "/officer?field=%00&agency=%00", "/officer/xuat.csv?q=%00"]) {
      const res = await t.app.inject({ url, headers: { cookie: admin.cookie } });
      expect(res.statusCode, url).toBe(200);
    }
  });

  it("refuses a repeated Open311 parameter with a clear 400 naming it, in the API's error shape", async () => {
    const json = await t.app.inject({ url: "/open311/v2/requests.json?page=1&page=2" });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toEqual([{ code: 400, description: "Tham số page chỉ được gửi một lần." }]);
    const xml = await t.app.inject({ url: "/open311/v2/requests.xml?status=closed&status=open" });
    expect(xml.statusCode).toBe(400);
    expect(xml.body).toContain("Tham số status chỉ được gửi một lần.");
  });

  it("answers dates far outside any calendar plainly: the listing says it could not read them, Open311 refuses", async () => {
    for (const url of ["/phan-anh?den=9999-12-31", "/phan-anh?tu=0000-00-00&den=31/12/9999"]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain("Không đọc được thời gian đã nhập");
    }
    const open311 = await t.app.inject({ url: "/open311/v2/requests.json?start_date=9999-12-31" });
    expect(open311.statusCode).toBe(400);
    expect(open311.json()[0].description).toBe("Tham số start_date phải là ngày từ năm 1900 đến năm 2999.");
    const end = await t.app.inject({ url: "/open311/v2/requests.json?end_date=0001-01-01" });
    expect(end.statusCode).toBe(400);
  });

  it("takes the first of a repeated filter on the public and console pages", async () => {
    const listing = await t.app.inject({ url: "/phan-anh?trang=2&trang=3&q=a&q=b" });
    expect(listing.statusCode).toBe(200);
    const inbox = await t.app.inject({ url: "/officer?page=1&page=2", headers: { cookie: admin.cookie } });
    expect(inbox.statusCode).toBe(200);
  });

  it("refuses %00 or another control character in a path with a 400 before any route reads it", async () => {
    for (const url of [
      "/phan-anh/PAKN.20260310.0001%00",
      "/open311/v2/requests/%00.json",
      "/officer/quan-tri/thu-tuc/%00",
      "/officer/pakn/%0A/anh/0",
      "/admin/queues/api/queues/%1b",
    ]) {
      const res = await t.app.inject({ url, headers: { cookie: admin.cookie } });
      expect(res.statusCode, url).toBe(400);
    }
    const marked = await t.app.inject({
      method: "POST",
      url: "/officer/pakn/%C4%90%00/anh/1/danh-dau",
      headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: admin.csrf, safe: "1" }).toString(),
    });
    expect(marked.statusCode).toBe(400);
  });

  it("answers an id in the path that is not a database integer with a not-found", async () => {
    for (const id of ["2147483648", "99999999999999999999", "-1", "..%2Fx", "1e3"]) {
      const page = await t.app.inject({
        url: `/officer/quan-tri/can-bo/${id}`,
        headers: { cookie: admin.cookie },
      });
      expect(page.statusCode, id).toBe(404);
      const removed = await t.app.inject({
        method: "POST",
        url: `/officer/mau-tra-loi/${id}/xoa`,
        headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: admin.csrf }).toString(),
      });
      expect(removed.statusCode, id).toBeLessThan(500);
    }
  });

  it("answers a malformed body on the queue board and an upload without a boundary with a 4xx", async () => {
    const board = await t.app.inject({
      method: "PUT",
      url: "/admin/queues/api/queues/pakn-classify/pause",
      headers: { cookie: admin.cookie, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(board.statusCode).toBe(400);
    expect(board.body).not.toContain("not json");
    const upload = await t.app.inject({
      method: "POST",
      url: "/officer/quan-tri/nhap-thu-tuc",
      headers: { cookie: admin.cookie, "content-type": "multipart/form-data", "x-csrf-token": admin.csrf },
      payload: '--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--b--',
    });
    expect(upload.statusCode).toBe(400);
    expect(upload.json().error.message).toBe("Yêu cầu không hợp lệ.");
  });
});
