import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  listNewestAnswers,
  listPublishedFields,
  listPublishedPakn,
} from "../../feedback/public/list-published.js";
import { parseMonth, parsePeriod } from "../../feedback/public/public-period.js";
import { publicStats } from "../../feedback/public/public-stats.js";
import { findPublicPhoto, findPublishedPakn } from "../../feedback/public/published-item.js";
import { createPublishedSearchIndex } from "../../feedback/public/published-search-index.js";
import { layout, sendPage } from "../layout.js";
import { pageParam, readQuery, textParam } from "../query-params.js";
import type { SiteDeps } from "../site.js";
import { detailBody, notFoundBody } from "./detail-page.js";
import { jsonFeed, rssFeed } from "./feeds.js";
import { registerHomePage } from "./home-page.js";
import { listingBody } from "./listing-page.js";
import { agencyName, cacheFor, FEED_CACHE, PAGE_CACHE, PUBLIC_NAV, siteBase } from "./public-shared.js";
import { readStoredPhoto } from "./safe-photo-file.js";
import { statsBody } from "./stats-page.js";

/** How long the list of fields offered in the filter is reused. */
const FIELDS_TTL_MS = 60_000;
/** Items in each feed. */
const FEED_ITEMS = 30;

/** The listing's GET form: free words, field, agency, a month or days, the page (a repeated one counts once). */
const LISTING_QUERY = z.object({
  q: textParam(),
  linh_vuc: textParam(),
  co_quan: textParam(),
  thang: textParam(),
  tu: textParam(),
  den: textParam(),
  trang: pageParam(),
});

/** The statistics' months, from and to. */
const STATS_QUERY = z.object({ tu: textParam(), den: textParam() });

/**
 * The public face of the PAKN desk: `/phan-anh` (search and filters), `/phan-anh/:code`, its safe
 * photos, `/thong-ke` and the RSS and JSON feeds. Everything shown comes from the public columns
 * (redacted at publication); nothing here can reach an unpublished PAKN.
 */
export async function registerPublicPages(app: FastifyInstance, deps: SiteDeps): Promise<void> {
  registerHomePage(app);
  const search = createPublishedSearchIndex();
  const nameOf = (id: string | null) => agencyName(deps.agencies, id);
  let fields: { at: number; values: Promise<string[]> } | undefined;
  const publishedFields = () => {
    const now = Date.now();
    if (!fields || now - fields.at > FIELDS_TTL_MS) {
      const values = listPublishedFields(deps);
      values.catch(() => {
        fields = undefined;
      });
      fields = { at: now, values };
    }
    return fields.values;
  };
  const page = (title: string, current: string, body: ReturnType<typeof listingBody>, description?: string) =>
    layout({ title, body, nav: PUBLIC_NAV, current, styles: ["public.css"], description });

  // Load the word index once the server is ready, so the first search does not wait for it.
  app.addHook("onReady", async () => {
    search.sync(deps.db).catch((err) => app.log.warn({ err }, "public search index not loaded"));
  });

  app.get("/phan-anh", async (req, reply) => {
    const query = readQuery(req.query, LISTING_QUERY);
    const { q, linh_vuc: field, co_quan: agency } = query;
    const agencyId = deps.agencies.get(agency) ? agency : "";
    const { period, invalid } = parsePeriod({ month: query.thang, from: query.tu, to: query.den });
    const [result, fieldList] = await Promise.all([
      listPublishedPakn(
        { db: deps.db, search },
        {
          q,
          field: field || undefined,
          agencyId: agencyId || undefined,
          receivedFrom: period.from,
          receivedBefore: period.before,
          page: query.trang,
        },
      ),
      publishedFields(),
    ]);
    const body = listingBody({
      query: { q, field, agencyId, period, periodInvalid: invalid },
      result,
      fields: field && !fieldList.includes(field) ? [...fieldList, field] : fieldList,
      agencies: deps.agencies.all,
      agencyName: nameOf,
    });
    cacheFor(reply, PAGE_CACHE);
    return sendPage(
      reply,
      page(
        "Phản ánh, kiến nghị đã được trả lời",
        "/phan-anh",
        body,
        "Tra cứu câu trả lời của cơ quan nhà nước cho phản ánh, kiến nghị của người dân.",
      ),
    );
  });

  app.get("/phan-anh/rss.xml", async (_req, reply) => {
    const items = await listNewestAnswers(deps, FEED_ITEMS);
    cacheFor(reply, FEED_CACHE);
    return reply
      .type("application/rss+xml; charset=utf-8")
      .send(rssFeed(items, siteBase(deps.publicUrl), nameOf));
  });

  app.get("/phan-anh/feed.json", async (_req, reply) => {
    const items = await listNewestAnswers(deps, FEED_ITEMS);
    cacheFor(reply, FEED_CACHE);
    return reply
      .type("application/feed+json; charset=utf-8")
      .send(JSON.stringify(jsonFeed(items, siteBase(deps.publicUrl), nameOf)));
  });

  app.get<{ Params: { code: string } }>("/phan-anh/:code", async (req, reply) => {
    const item = await findPublishedPakn(deps, req.params.code);
    if (!item) {
      cacheFor(reply, "public, max-age=30");
      return sendPage(reply, page("Không tìm thấy phản ánh", "", notFoundBody()), 404);
    }
    cacheFor(reply, PAGE_CACHE);
    return sendPage(reply, page(`Phản ánh ${item.code}`, "", detailBody(item, nameOf(item.agencyId))));
  });

  app.get<{ Params: { code: string; n: string } }>("/phan-anh/:code/anh/:n", async (req, reply) => {
    const n = /^\d{1,3}$/.test(req.params.n) ? Number(req.params.n) : 0;
    const photo = deps.uploadsDir ? await findPublicPhoto(deps, { code: req.params.code, n }) : undefined;
    const file = photo && deps.uploadsDir ? await readStoredPhoto(deps.uploadsDir, photo.path) : undefined;
    if (!file) return reply.code(404).type("text/plain; charset=utf-8").send("Không tìm thấy ảnh");
    return reply
      .type(file.type)
      .header("cache-control", "public, max-age=300")
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", "default-src 'none'")
      .send(file.bytes);
  });

  app.get("/thong-ke", async (req, reply) => {
    const query = readQuery(req.query, STATS_QUERY);
    const stats = await publicStats(deps, {
      fromMonth: parseMonth(query.tu),
      toMonth: parseMonth(query.den),
    });
    cacheFor(reply, PAGE_CACHE);
    return sendPage(
      reply,
      page(
        "Thống kê trả lời phản ánh, kiến nghị",
        "/thong-ke",
        statsBody(stats, nameOf),
        "Số phản ánh tiếp nhận, đã trả lời và tỉ lệ trả lời đúng hạn theo cơ quan và theo tháng.",
      ),
    );
  });
}
