import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { outbox, pakn } from "../../../db/schema.js";
import { answerPakn, approvePakn, publishPakn } from "../../../feedback/answer-pakn.js";
import { createPakn, transitionPakn } from "../../../feedback/pakn-repo.js";
import { loadAgencies } from "../../../feedback/routing/agencies.js";
import { buildWebApp } from "../../../web/app.js";
import { registerOpen311 } from "../../../web/open311/open311-routes.js";
import { createTestDispatcher, testFeedbackService } from "../../helpers/bot.js";
import { createTestDatabase, DRIVERS } from "../../helpers/databases.js";
import { silentLogger } from "../../helpers/knowledge.js";
import { confirmedPakn } from "../../helpers/pakn.js";
import { createTestRedis } from "../../helpers/redis.js";
import { buildTestSite } from "../../helpers/site.js";
import { TEST_NOW } from "../../helpers/test-clock.js";
import { GEOREPORT_V2 } from "./georeport-v2-fields.js";

const KEY = "open311-test-key-0123456789";
const DAY = 24 * 60 * 60 * 1000;
const SENDER = { name: "Nguyễn Văn A", phone: "0912345678", address: "Thôn 3, xã Đông" };
/** Every way the sender could leak into a response. */
const PERSONAL = [
  "Nguyễn Văn A",
  "0912345678",
  "912345678",
  "Thôn 3, xã Đông",
  "Trần Thị Bình",
  "0987654321",
];

type Json = Record<string, unknown>;

/** One element of a response has exactly the spec's fields, with the spec's values. */
function expectSpecFields(
  kind: keyof typeof GEOREPORT_V2 & ("service" | "request" | "created" | "error"),
  item: Json,
) {
  expect(Object.keys(item).sort()).toEqual([...GEOREPORT_V2[kind]].sort());
  for (const [field, allowed] of Object.entries(GEOREPORT_V2.values))
    if (field in item) expect(allowed as readonly unknown[]).toContain(item[field]);
  for (const field of ["requested_datetime", "updated_datetime", "expected_datetime"])
    if (field in item) expect(item[field]).toMatch(GEOREPORT_V2.datetime);
  for (const field of ["description", "status_notes"])
    if (typeof item[field] === "string")
      expect((item[field] as string).length).toBeLessThanOrEqual(GEOREPORT_V2.maxText);
}

/** The child elements of each `<item>` in a GeoReport XML document. */
function xmlItems(xml: string, root: string, item: string): Record<string, string>[] {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(xml).toMatch(new RegExp(`<${root}>[\\s\\S]*</${root}>\\s*$`));
  return [...xml.matchAll(new RegExp(`<${item}>([\\s\\S]*?)</${item}>`, "g"))].map((m) => {
    const fields: Record<string, string> = {};
    for (const f of (m[1] as string).matchAll(/<([a-z_]+)(?:\/>|>([^<]*)<\/\1>)/g))
      fields[f[1] as string] = f[2] ?? "";
    return fields;
  });
}

describe.each(DRIVERS)("Open311 GeoReport v2 on %s", (driver) => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let closed: FastifyInstance;
  const codes: Record<string, string> = {};

  const build = async (keys: string[]) => {
    const web = await buildWebApp({
      dispatcher: createTestDispatcher(r),
      logger: silentLogger,
      sessionSecret: "test-secret-0123456789abcdef",
      secureCookies: false,
      probes: { database: async () => 1, redis: async () => 1, procedures: () => 1 },
    });
    await registerOpen311(web, {
      db: database.db,
      feedback: testFeedbackService(database.db),
      agencies: loadAgencies(),
      open311ApiKeys: keys,
      publicUrl: "https://pakn.example.gov.vn/",
      now: () => TEST_NOW,
    });
    return web;
  };

  /** A PAKN that went all the way to publication, its text naming the sender. */
  async function published(id: string, over: { field: string | null; agency: string; daysAgo: number }) {
    const { row } = await createPakn(
      database.db,
      confirmedPakn(id, {
        content: `Tôi là ${SENDER.name}, số ${SENDER.phone}, ở ${SENDER.address}: cống thoát nước bị tắc, nước tràn vào nhà.`,
        contact: SENDER,
        receivedAt: new Date(TEST_NOW.getTime() - over.daysAgo * DAY),
        answerDueAt: new Date(TEST_NOW.getTime() - over.daysAgo * DAY + 10 * DAY),
      }),
    );
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: over.agency, field: over.field },
    });
    await transitionPakn(database.db, { paknId: row.id, to: "in_progress", actor: "officer:1" });
    await answerPakn(
      { db: database.db },
      {
        paknId: row.id,
        actor: "officer:1",
        answer: `Đã nạo vét cống, đã gọi lại cho ông theo số ${SENDER.phone}.`,
      },
    );
    await approvePakn({ db: database.db }, { paknId: row.id, actor: "leader:1" });
    await publishPakn({ db: database.db }, { paknId: row.id, actor: "leader:1" });
    codes[id] = row.code;
    return row.code;
  }

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    await published("build", { field: "Xây dựng, đô thị", agency: "so-xay-dung", daysAgo: 2 });
    await published("civil", { field: "Hộ tịch", agency: "so-tu-phap", daysAgo: 3 });
    await published("nofield", { field: null, agency: "ubnd-xa", daysAgo: 4 });
    await published("old", { field: "Xây dựng, đô thị", agency: "so-xay-dung", daysAgo: 100 });
    const { row } = await createPakn(database.db, confirmedPakn("open-1", { contact: SENDER }));
    codes.unpublished = row.code;
    app = await build([KEY, "second-key-0123456789abcd"]);
    closed = await build([]);
  });
  afterAll(async () => {
    await app.close();
    await closed.close();
    await r.dispose();
    await dispose();
  });

  const get = (url: string) => app.inject({ url: `/open311/v2/${url}` });
  const post = (format: "json" | "xml", body: Record<string, string>, target = app, headers = {}) =>
    target.inject({
      method: "POST",
      url: `/open311/v2/requests.${format}`,
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", ...headers },
      payload: new URLSearchParams(body).toString(),
    });

  it("tells clients where the endpoint is through the discovery document", async () => {
    const res = await app.inject({ method: "GET", url: "/open311/discovery.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { changeset: string; endpoints: Json[] };
    expect(doc.changeset).toMatch(/\+07:00$/);
    expect(doc.endpoints).toEqual([
      expect.objectContaining({
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: "https://pakn.example.gov.vn/open311/v2",
        type: "production",
        formats: ["application/json", "text/xml"],
      }),
    ]);
  });

  it("lists our fields as services, in JSON and XML, with the spec's fields", async () => {
    const res = await get("services.json");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    const services = res.json() as Json[];
    expect(services.length).toBeGreaterThan(15);
    for (const s of services) expectSpecFields("service", s);
    const building = services.find((s) => s.service_code === "xay-dung-do-thi");
    expect(building).toMatchObject({ service_name: "Xây dựng, đô thị", metadata: false, type: "realtime" });
    expect(building?.keywords).toContain("giấy phép xây dựng");
    expect(building?.group).toBe(loadAgencies().get("so-xay-dung")?.name);
    expect(services.map((s) => s.service_code)).toContain("khac");
    expect(new Set(services.map((s) => s.service_code)).size).toBe(services.length);
    const xml = await get("services.xml");
    expect(xml.headers["content-type"]).toBe("text/xml; charset=utf-8");
    const items = xmlItems(xml.body, "services", "service");
    expect(items).toHaveLength(services.length);
    for (const item of items) expect(Object.keys(item).sort()).toEqual([...GEOREPORT_V2.service].sort());
  });

  it("lists published PAKN only, closed, redacted, newest first, in the last 90 days by default", async () => {
    const res = await get("requests.json");
    expect(res.statusCode).toBe(200);
    const requests = res.json() as Json[];
    expect(requests.map((q) => q.service_request_id)).toEqual([codes.build, codes.civil, codes.nofield]);
    for (const q of requests) {
      expectSpecFields("request", q);
      expect(q).toMatchObject({ status: "closed", address: null, lat: null, long: null, media_url: null });
    }
    expect(requests[0]).toMatchObject({
      service_code: "xay-dung-do-thi",
      service_name: "Xây dựng, đô thị",
      agency_responsible: loadAgencies().get("so-xay-dung")?.name,
      service_notice: `Toàn văn câu hỏi và trả lời: https://pakn.example.gov.vn/phan-anh/${codes.build}`,
    });
    expect(requests[0]?.description).toContain("cống thoát nước bị tắc");
    expect(requests[0]?.status_notes).toContain("Đã nạo vét cống");
    // A procedure's own field goes to the service its words point to; no field: "khac".
    expect(requests[1]).toMatchObject({ service_code: "tu-phap" });
    expect(requests[2]).toMatchObject({ service_code: "khac", service_name: "Lĩnh vực khác" });
    for (const text of PERSONAL) expect(res.body).not.toContain(text);
    expect(res.body).not.toContain(codes.unpublished);
  });

  it("filters by dates (at most 90 days), status, service_code and service_request_id", async () => {
    const ids = async (query: string) =>
      ((await get(`requests.json?${query}`)).json() as Json[]).map((q) => q.service_request_id);
    const from = new Date(TEST_NOW.getTime() - 120 * DAY).toISOString();
    const to = new Date(TEST_NOW.getTime() - 60 * DAY).toISOString();
    expect(await ids(`start_date=${from}&end_date=${to}`)).toEqual([codes.old]);
    expect(await ids(`end_date=${to}`)).toEqual([codes.old]);
    expect(await ids(`start_date=${new Date(TEST_NOW.getTime() - 3.5 * DAY).toISOString()}`)).toEqual([
      codes.build,
      codes.civil,
    ]);
    expect(await ids("status=open")).toEqual([]);
    expect(await ids("status=open,closed")).toHaveLength(3);
    expect(await ids("service_code=xay-dung-do-thi")).toEqual([codes.build]);
    expect(await ids("service_code=khac,tu-phap")).toEqual([codes.civil, codes.nofield]);
    expect(await ids("service_code=no-such-service")).toEqual([]);
    // service_request_id overrides every other argument, unpublished ones stay hidden.
    expect(
      await ids(`service_request_id=${codes.old},${codes.unpublished},${codes.civil}&status=open`),
    ).toEqual([codes.civil, codes.old]);
    const tooLong = await get(`requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`);
    expect(tooLong.statusCode).toBe(400);
    expectSpecFields("error", (tooLong.json() as Json[])[0] as Json);
    expect((tooLong.json() as Json[])[0]).toMatchObject({ code: 400 });
    for (const query of ["start_date=yesterday", "status=pending", "page_size=0", "page=-1"]) {
      const res = await get(`requests.json?${query}`);
      expect(res.statusCode, query).toBe(400);
    }
    const xmlError = await get("requests.xml?status=pending");
    expect(xmlItems(xmlError.body, "errors", "error")[0]).toMatchObject({ code: "400" });
  });

  it("pages with page and page_size (at most 1000) and says where the next page is", async () => {
    const first = await get("requests.json?page_size=2");
    expect((first.json() as Json[]).map((q) => q.service_request_id)).toEqual([codes.build, codes.civil]);
    expect(first.headers.link).toBe('</open311/v2/requests.json?page_size=2&page=2>; rel="next"');
    const second = await get("requests.json?page_size=2&page=2");
    expect((second.json() as Json[]).map((q) => q.service_request_id)).toEqual([codes.nofield]);
    expect(second.headers.link).toBeUndefined();
    expect(await get("requests.json?page_size=5000")).toMatchObject({ statusCode: 200 });
  });

  it("serves one request as a one-element array, and 404 for unpublished or unknown codes", async () => {
    const res = await get(`requests/${codes.build}.json`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as Json[];
    expect(list).toHaveLength(1);
    expectSpecFields("request", list[0] as Json);
    const xml = await get(`requests/${codes.build}.xml`);
    const items = xmlItems(xml.body, "service_requests", "request");
    expect(items).toHaveLength(1);
    expect(Object.keys(items[0] as object).sort()).toEqual([...GEOREPORT_V2.request].sort());
    expect(items[0]).toMatchObject({ service_request_id: codes.build, status: "closed", lat: "" });
    for (const text of PERSONAL) expect(xml.body).not.toContain(text);
    for (const url of [
      `requests/${codes.unpublished}.json`,
      "requests/PAKN.20200101.0001.json",
      "requests/x.json",
    ]) {
      const missing = await get(url);
      expect(missing.statusCode, url).toBe(404);
      expectSpecFields("error", (missing.json() as Json[])[0] as Json);
    }
    expect((await get(`requests/${codes.unpublished}.xml`)).body).toContain(
      "<errors><error><code>404</code>",
    );
    expect((await get("tokens/1.json")).statusCode).toBe(404);
  });

  const report = {
    service_code: "xay-dung-do-thi",
    description:
      "Đèn chiếu sáng công cộng trên đường Lê Lợi đoạn qua chợ bị hỏng cả tháng nay, buổi tối rất tối.",
    first_name: "Thị Bình",
    last_name: "Trần",
    phone: "0987654321",
    email: "binh@example.com",
    address_string: "Đường Lê Lợi, phường 1, thành phố Đông Hà",
    lat: "16.8163",
    long: "107.1003",
  };

  it("files a PAKN through the same intake for a known key, once per retried POST", async () => {
    const res = await post("json", { ...report, api_key: KEY });
    expect(res.statusCode).toBe(201);
    const [created] = res.json() as Json[];
    expectSpecFields("created", created as Json);
    expect(created?.service_request_id).toMatch(/^PAKN\.\d{8}\.\d{4}$/);
    expect(created?.service_notice).toContain("Hạn trả lời dự kiến");
    const [row] = await database.db
      .select()
      .from(pakn)
      .where(eq(pakn.code, created?.service_request_id as string));
    expect(row).toMatchObject({
      channel: "open311",
      status: "received",
      contactName: "Trần Thị Bình",
      contactPhone: "0987654321",
      contactAddress: report.address_string,
      place: report.address_string,
      attachments: [{ kind: "location", latitude: 16.8163, longitude: 107.1003 }],
    });
    expect(row?.channelUser).toMatch(/^key-[0-9a-f]{16}$/);
    expect(JSON.stringify(row)).not.toContain(KEY);
    // The routing job is in the outbox, written with the PAKN.
    const jobs = await database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.queue, "pakn-classify"), eq(outbox.jobId, `classify-${row?.id}`)));
    expect(jobs).toHaveLength(1);
    // A retry of the same POST files nothing new.
    const again = await post("json", { ...report, api_key: KEY });
    expect(again.statusCode).toBe(200);
    expect((again.json() as Json[])[0]?.service_request_id).toBe(created?.service_request_id);
    // Until it is published, nobody reads it through the API.
    expect((await get(`requests/${created?.service_request_id}.json`)).statusCode).toBe(404);
  });

  it("uses the client's idempotency token when it sends one, also with a JSON body", async () => {
    const body = { ...report, description: `${report.description} Lần gửi có mã chống trùng.`, api_key: KEY };
    const first = await app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      headers: { "content-type": "application/json", "idempotency-key": "crm-4711" },
      payload: JSON.stringify(body),
    });
    expect(first.statusCode).toBe(201);
    // The same token with a changed body (a client retrying after editing a field) is the same request.
    const retry = await post("json", { ...body, email: "other@example.com" }, app, {
      "idempotency-key": "crm-4711",
    });
    expect(retry.statusCode).toBe(200);
    expect((retry.json() as Json[])[0]?.service_request_id).toBe(
      (first.json() as Json[])[0]?.service_request_id,
    );
    // Another key's system may use the same token for its own request.
    const other = await post("json", { ...body, api_key: "second-key-0123456789abcd" }, app, {
      "idempotency-key": "crm-4711",
    });
    expect(other.statusCode).toBe(201);
  });

  it("refuses a missing or wrong key with 403, and every POST when no key is configured", async () => {
    const filed = async () =>
      (await database.db.select().from(pakn).where(eq(pakn.channel, "open311"))).length;
    const before = await filed();
    const { api_key: _none, ...withoutKey } = { ...report, api_key: "" };
    for (const body of [
      withoutKey,
      { ...report, api_key: `${KEY}x` },
      { ...report, api_key: KEY.slice(0, -1) },
    ]) {
      const res = await post("json", body);
      expect(res.statusCode).toBe(403);
      expectSpecFields("error", (res.json() as Json[])[0] as Json);
    }
    const disabled = await post("xml", { ...report, api_key: KEY }, closed);
    expect(disabled.statusCode).toBe(403);
    expect(xmlItems(disabled.body, "errors", "error")[0]).toMatchObject({ code: "403" });
    expect(await filed()).toBe(before);
  });

  it("refuses what the intake would refuse: no contact, unknown service, unreadable text", async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ ...report, phone: "", first_name: "", last_name: "" }, 400, "phone"],
      [{ ...report, address_string: "" }, 400, "address"],
      [{ ...report, service_code: "" }, 400, "service_code"],
      [{ ...report, service_code: "graffiti" }, 404, "graffiti"],
      [{ ...report, description: "hello world this is not vietnamese text at all" }, 400, "tiếng Việt"],
      [{ ...report, lat: "91", long: "0" }, 400, "lat"],
    ];
    for (const [body, status, mention] of cases) {
      const res = await post("json", { ...body, api_key: KEY });
      expect(res.statusCode, mention).toBe(status);
      const [error] = res.json() as Json[];
      expectSpecFields("error", error as Json);
      expect(error?.description).toContain(mention);
    }
    const xml = await post("xml", { ...report, phone: "123", api_key: KEY });
    expect(xml.statusCode).toBe(400);
    expect(xmlItems(xml.body, "errors", "error")[0]?.description).toContain("phone");
  });

  it("answers a POST in XML when asked", async () => {
    const res = await post("xml", {
      ...report,
      description: `${report.description} Gửi lại dạng XML & kiểm tra <ký tự> đặc biệt.`,
      api_key: KEY,
      account_id: "acc<1>",
    });
    expect(res.statusCode).toBe(201);
    const [created] = xmlItems(res.body, "service_requests", "request");
    expect(Object.keys(created as object).sort()).toEqual([...GEOREPORT_V2.created].sort());
    expect(res.body).toContain("<account_id>acc&#60;1&#62;</account_id>");
  });
});

describe("Open311 inside the whole site (the console's form parser, the site's registration)", () => {
  it("lists services and files a form-encoded POST", async () => {
    const t = await buildTestSite({ site: { open311ApiKeys: [KEY] } });
    try {
      expect((await t.app.inject({ url: "/open311/v2/services.xml" })).statusCode).toBe(200);
      const res = await t.app.inject({
        method: "POST",
        url: "/open311/v2/requests.json",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({
          api_key: KEY,
          service_code: "moi-truong",
          description: "Bãi rác tự phát cạnh kênh thủy lợi thôn 5 bốc mùi hôi suốt nhiều tuần nay.",
          first_name: "Văn Hùng",
          last_name: "Phạm",
          phone: "0905123456",
          address_string: "Thôn 5, xã Hòa Phong",
        }).toString(),
      });
      expect(res.statusCode).toBe(201);
      expectSpecFields("created", (res.json() as Json[])[0] as Json);
    } finally {
      await t.dispose();
    }
  });
});
