import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaknRow } from "../../../feedback/pakn-repo.js";
import { jpegBytes } from "../../helpers/image-bytes.js";
import { seedPublicPakn } from "../../helpers/published-pakn.js";
import { buildTestSite, type TestSite } from "../../helpers/site.js";
import { plainJpeg } from "../../helpers/tagged-photos.js";
import { childrenNamed, parseXml } from "../../helpers/xml.js";

const at = (iso: string) => new Date(`${iso}+07:00`);
const SENDER = { name: "Trần Thị Hoa", phone: "0987654321", address: "số 12 đường Lê Lợi, phường Bắc Hà" };
/** Every way this sender, or the default test sender, could show up in a public response. */
const PERSONAL = [
  "Trần Thị Hoa",
  "Tran Thi Hoa",
  "bà Hoa",
  "0987654321",
  "0987.654.321",
  "654.321",
  "Lê Lợi",
  "Bắc Hà",
  "Nguyễn Văn A",
  "0912345678",
  "Thôn 3",
  "hoa.tran@gmail.com",
];

function expectNoPersonalData(body: string) {
  for (const secret of PERSONAL) expect(body, `leaked ${secret}`).not.toContain(secret);
}

describe("public pages over HTTP", () => {
  let t: TestSite;
  let uploads: string;
  let flood: PaknRow;
  let land: PaknRow;
  let tricky: PaknRow;
  let draft: PaknRow;
  let open: PaknRow;
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "GET", url, headers });

  beforeAll(async () => {
    uploads = await mkdtemp(join(tmpdir(), "motcua-public-"));
    t = await buildTestSite({ site: { publicUrl: "https://motcua.example.vn/", uploadsDir: uploads } });
    const db = t.database.db;
    await mkdir(join(uploads, "pakn", "900"), { recursive: true });
    await writeFile(join(uploads, "pakn", "900", "photo-1.jpg"), await plainJpeg());
    await writeFile(join(uploads, "pakn", "900", "photo-2.jpg"), jpegBytes(3000));
    await writeFile(join(tmpdir(), "motcua-outside.jpg"), jpegBytes(1000));
    await symlink(join(tmpdir(), "motcua-outside.jpg"), join(uploads, "pakn", "900", "photo-3.jpg"));
    const photos = [
      { kind: "image" as const, path: "pakn/900/photo-1.jpg", mimeType: "image/jpeg", safe: true },
      { kind: "image" as const, path: "pakn/900/photo-2.jpg", mimeType: "image/jpeg" },
      { kind: "image" as const, path: "pakn/900/photo-3.jpg", mimeType: "image/jpeg", safe: true },
      { kind: "image" as const, path: "../../../etc/passwd", mimeType: "image/jpeg", safe: true },
      { kind: "location" as const, latitude: 18.3, longitude: 105.9 },
    ];
    flood = await seedPublicPakn(db, {
      contact: SENDER,
      content:
        "Tôi tên là Trần Thị Hoa, số điện thoại 0987.654.321, email hoa.tran@gmail.com, nhà ở số 12 đường Lê Lợi, phường Bắc Hà. " +
        "Đường trước nhà bị ngập sâu mỗi khi mưa, xe máy chết máy giữa đường.",
      answer: "Gửi bà Hoa: Sở Xây dựng đã cho nạo vét cống thoát nước, đoạn đường không còn ngập.",
      attachments: photos,
      receivedAt: at("2026-03-05T09:00:00"),
      answerDueAt: at("2026-03-26T23:59:59.999"),
      answeredAt: at("2026-03-12T09:00:00"),
      publishedAt: at("2026-03-13T09:00:00"),
      rating: 4,
    });
    land = await seedPublicPakn(db, {
      content: "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất quá hạn hai tháng.",
      agencyId: "so-nn-mt",
      field: "Đất đai",
      answer: "Văn phòng đăng ký đất đai đã trả kết quả cho người dân, xin lỗi vì sự chậm trễ.",
      receivedAt: at("2026-04-10T09:00:00"),
      answerDueAt: at("2026-04-30T23:59:59.999"),
      answeredAt: at("2026-05-04T09:00:00"),
      publishedAt: at("2026-05-05T09:00:00"),
    });
    tricky = await seedPublicPakn(db, {
      content: 'Cống <thoát> nước & rãnh "số 3" bị tắc </description></item> ]]> \u0001 từ lâu.',
      receivedAt: at("2026-04-12T09:00:00"),
      publishedAt: at("2026-04-20T09:00:00"),
    });
    draft = await seedPublicPakn(db, {
      content: "Cống ngập nước bốc mùi ở chợ.",
      stage: "answered",
      attachments: photos,
      receivedAt: at("2026-04-01T09:00:00"),
    });
    open = await seedPublicPakn(db, { content: "Ngập nước ở ngõ 5.", stage: "open" });
    for (let i = 0; i < 20; i++)
      await seedPublicPakn(db, {
        content: `Đèn chiếu sáng số ${i + 1} trên đường tỉnh bị hỏng.`,
        field: "Chiếu sáng",
        receivedAt: at("2026-02-01T09:00:00"),
        publishedAt: at(`2026-02-${String(i + 2).padStart(2, "0")}T09:00:00`),
      });
  });
  afterAll(async () => {
    await t?.dispose();
    await rm(uploads, { recursive: true, force: true });
    await rm(join(tmpdir(), "motcua-outside.jpg"), { force: true });
  });

  it("starts citizens at a home page that leads to the chat, the answers and the statistics", async () => {
    const res = await get("/");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    for (const href of ['href="/chat"', 'href="/phan-anh"', 'href="/thong-ke"', 'href="/officer/login"'])
      expect(res.body).toContain(href);
    expect(res.body).toContain('<html lang="vi">');
  });

  it("lists published answers newest first, pages them and caches briefly, never showing drafts or open items", async () => {
    const res = await get("/phan-anh");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.headers["cache-control"]).toBe("public, max-age=60");
    expect(res.body).toContain("Có 23 phản ánh, kiến nghị đã trả lời (trang 1/2)");
    expect(res.body.indexOf(land.code)).toBeLessThan(res.body.indexOf(tricky.code));
    expect(res.body.indexOf(tricky.code)).toBeLessThan(res.body.indexOf(flood.code));
    expect(res.body).toContain("Trả lời trễ hạn");
    expect(res.body).toContain("Trả lời đúng hạn");
    expect(res.body).toContain('href="/phan-anh?trang=2"');
    expect(res.body).not.toContain(draft.code);
    expect(res.body).not.toContain(open.code);
    expectNoPersonalData(res.body);
    const two = await get("/phan-anh?trang=2");
    expect(two.body).toContain("trang 2/2");
    expect((two.body.match(/class="pakn-item"/g) ?? []).length).toBe(3);
    expect(two.body).toMatch(/aria-current="page"[^>]*>2</);
  });

  it("searches without diacritics and filters by field, agency and month, keeping filters in paging links", async () => {
    const found = await get("/phan-anh?q=ngap+sau");
    expect(found.body).toContain(flood.code);
    expect(found.body).toContain("Tìm thấy 1 phản ánh");
    expect(found.body).not.toContain(draft.code);
    expectNoPersonalData(found.body);
    expect((await get("/phan-anh?q=Tran+Thi+Hoa")).body).toContain("Không tìm thấy phản ánh nào phù hợp");
    expect((await get("/phan-anh?q=0987654321")).body).toContain("Không tìm thấy phản ánh nào phù hợp");
    const byField = await get(`/phan-anh?linh_vuc=${encodeURIComponent("Đất đai")}`);
    expect(byField.body).toContain(land.code);
    expect(byField.body).toContain("Tìm thấy 1 phản ánh");
    expect((await get("/phan-anh?co_quan=so-nn-mt")).body).toContain(land.code);
    const month = await get("/phan-anh?thang=04%2F2026");
    expect(month.body).toContain("Tìm thấy 2 phản ánh");
    expect(month.body).toContain('value="2026-04"');
    const lights = await get(`/phan-anh?q=den&linh_vuc=${encodeURIComponent("Chiếu sáng")}`);
    expect(lights.body).toContain("Tìm thấy 20 phản ánh");
    expect(lights.body).not.toContain("trang 1/2");
    const paged = await get("/phan-anh?q=duong&trang=2");
    expect(paged.body).toContain("trang 2/2");
    expect(paged.body).toContain('href="/phan-anh?q=duong"');
    const bad = await get("/phan-anh?tu=hom+qua");
    expect(bad.body).toContain("Không đọc được thời gian");
  });

  it("shows a published PAKN with its redacted question, answer, dates, on-time mark, rating and safe photo only", async () => {
    const res = await get(`/phan-anh/${flood.code}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Sở Xây dựng");
    expect(res.body).toContain("nạo vét cống thoát nước");
    expect(res.body).toContain("Đường trước nhà bị ngập sâu");
    expect(res.body).toContain("05/03/2026");
    expect(res.body).toContain("12/03/2026");
    expect(res.body).toContain("13/03/2026");
    expect(res.body).toContain("Trả lời đúng hạn");
    expect(res.body).toContain("4/5");
    expect(res.body).toContain(`src="/phan-anh/${flood.code}/anh/1"`);
    expect(res.body).not.toContain("/anh/2");
    expect(res.body).not.toContain("pakn/900");
    expectNoPersonalData(res.body);
    const lower = await get(`/phan-anh/${flood.code.toLowerCase()}`);
    expect(lower.statusCode).toBe(200);
  });

  it("answers a draft, an open item and an unknown code with the same Vietnamese 404", async () => {
    const unknown = await get("/phan-anh/PAKN.20990101.0001");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("Không tìm thấy phản ánh");
    expect(unknown.body).toContain('lang="vi"');
    for (const code of [draft.code, open.code]) {
      const res = await get(`/phan-anh/${code}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(unknown.body);
    }
  });

  it("serves a photo only when it is marked safe, stored under the uploads folder and its PAKN published", async () => {
    const ok = await get(`/phan-anh/${flood.code}/anh/1`);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers["content-type"]).toBe("image/jpeg");
    expect(ok.headers["x-content-type-options"]).toBe("nosniff");
    expect(ok.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    for (const url of [
      `/phan-anh/${flood.code}/anh/2`, // not marked safe
      `/phan-anh/${flood.code}/anh/3`, // a link leading out of the uploads folder
      `/phan-anh/${flood.code}/anh/4`, // a stored path climbing out
      `/phan-anh/${flood.code}/anh/5`, // a location, not a photo
      `/phan-anh/${flood.code}/anh/0`,
      `/phan-anh/${flood.code}/anh/..%2F..%2Fetc%2Fpasswd`,
      `/phan-anh/${draft.code}/anh/1`, // safe, but its PAKN is not published
      `/phan-anh/${land.code}/anh/1`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
    }
  });

  it("shows received, answered and on-time rate per agency and month with charts and their tables", async () => {
    t.clock.now = at("2026-06-15T10:00:00");
    const res = await get("/thong-ke?tu=2026-02&den=2026-06");
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/<svg[^>]*role="img"/g)).toHaveLength(2);
    expect(res.body).toContain("Mục tiêu 90%");
    expect(res.body).toContain("<caption>Số liệu theo cơ quan, 02/2026 – 06/2026</caption>");
    // Sở Xây dựng: flood, tricky, 20 lights and the draft, all answered on time.
    const xd =
      /<th scope="row">Sở Xây dựng<\/th><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td>\s*<td><strong>([^<]+)</.exec(
        res.body,
      );
    expect(xd?.slice(1)).toEqual(["23", "23", "23", "23", "100%"]);
    const nnmt =
      /<th scope="row">Sở Nông nghiệp và Môi trường<\/th><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td>\s*<td><strong>([^<]+)</.exec(
        res.body,
      );
    expect(nnmt?.slice(1)).toEqual(["1", "1", "1", "0", "0%"]);
    expect(res.body).toContain('<th scope="row">04/2026</th>');
    expect(res.body).toContain("4,0");
    expectNoPersonalData(res.body);
  });

  it("publishes well-formed RSS 2.0 and JSON Feed 1.1 of the newest answers with absolute, escaped links", async () => {
    const rss = await get("/phan-anh/rss.xml");
    expect(rss.statusCode).toBe(200);
    expect(rss.headers["content-type"]).toContain("application/rss+xml");
    expect(rss.headers["cache-control"]).toBe("public, max-age=300");
    const doc = parseXml(rss.body);
    expect(doc.name).toBe("rss");
    expect(doc.attributes.version).toBe("2.0");
    const channel = childrenNamed(doc, "channel")[0];
    const items = childrenNamed(channel ?? doc, "item");
    expect(items).toHaveLength(23);
    const first = items[0];
    const text = (name: string) => childrenNamed(first ?? doc, name)[0]?.text ?? "";
    expect(text("link")).toBe(`https://motcua.example.vn/phan-anh/${land.code}`);
    expect(text("guid")).toBe(text("link"));
    expect(Number.isNaN(Date.parse(text("pubDate")))).toBe(false);
    const trickyItem = items.find((i) => childrenNamed(i, "link")[0]?.text.endsWith(tricky.code));
    expect(childrenNamed(trickyItem ?? doc, "description")[0]?.text).toContain(
      'Cống <thoát> nước & rãnh "số 3" bị tắc </description></item> ]]>',
    );
    expectNoPersonalData(rss.body);

    const json = await get("/phan-anh/feed.json");
    expect(json.headers["content-type"]).toContain("application/feed+json");
    const feed = json.json() as { version: string; feed_url: string; items: Record<string, string>[] };
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.feed_url).toBe("https://motcua.example.vn/phan-anh/feed.json");
    expect(feed.items).toHaveLength(23);
    expect(feed.items[0]).toMatchObject({ id: `https://motcua.example.vn/phan-anh/${land.code}` });
    expect(feed.items[0]?.date_published).toMatch(/^2026-05-05T09:00:00\.000\+07:00$/);
    expectNoPersonalData(json.body);
    expect(json.body).not.toContain(draft.code);

    // Feeds are cached publicly: a sender's Host (or forwarded host) never becomes their links.
    const forged = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" };
    const configured = await get("/phan-anh/feed.json", forged);
    expect((configured.json() as typeof feed).feed_url).toBe("https://motcua.example.vn/phan-anh/feed.json");
    t.site.publicUrl = undefined;
    const local = await get("/phan-anh/feed.json", forged);
    expect((local.json() as typeof feed).feed_url).toBe("/phan-anh/feed.json");
    expect(local.body).not.toContain("evil.example");
    expect((await get("/phan-anh/rss.xml", forged)).body).not.toContain("evil.example");
    t.site.publicUrl = "https://motcua.example.vn/";
  });
});
