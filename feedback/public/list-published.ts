import { and, desc, eq, gte, inArray, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { pakn } from "../../db/schema.js";
import { PUBLIC_COLUMNS, type PublishedPakn, toPublished } from "./published-item.js";
import { type PublishedFilters, type PublishedSearchIndex, queryTokens } from "./published-search-index.js";

/** What the public listing needs: the database and this process's word index. */
export interface PublicListingDeps {
  db: Db;
  search: PublishedSearchIndex;
}

/** A page of the listing: filters as given, plus the page wanted. */
export interface ListPublishedInput extends PublishedFilters {
  /** 1-based; past the end means the last page. */
  page?: number;
  pageSize?: number;
}

/** One page of published PAKN, newest publication first, with how many there are in all. */
export interface PublishedPage {
  items: PublishedPakn[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

/** Items per page unless asked otherwise, and the most a page may hold. */
export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

function filterConditions(input: PublishedFilters): SQL[] {
  const where: SQL[] = [eq(pakn.status, "published")];
  if (input.agencyId) where.push(eq(pakn.agencyId, input.agencyId));
  if (input.field) where.push(eq(pakn.field, input.field));
  if (input.receivedFrom) where.push(gte(pakn.receivedAt, input.receivedFrom));
  if (input.receivedBefore) where.push(lt(pakn.receivedAt, input.receivedBefore));
  return where;
}

function pageOf(total: number, input: ListPublishedInput) {
  const pageSize = Math.min(Math.max(1, Math.trunc(input.pageSize ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const wanted = Number.isFinite(input.page) ? Math.trunc(input.page as number) : 1;
  const page = Math.min(Math.max(1, wanted), pages);
  return { pageSize, pages, page, offset: (page - 1) * pageSize };
}

/**
 * Lists published PAKN, newest first, filtered by field, agency and period of receipt. Without
 * search words it is two indexed queries (count, page); with words, the in-process index finds
 * the matching ids (case- and diacritic-insensitive) and one query reads that page's rows.
 */
export async function listPublishedPakn(
  deps: PublicListingDeps,
  input: ListPublishedInput,
): Promise<PublishedPage> {
  if (queryTokens(input.q).length === 0) {
    const where = and(...filterConditions(input));
    const [counted] = await deps.db.select({ n: sql<string>`count(*)` }).from(pakn).where(where);
    const total = Number(counted?.n ?? 0);
    const { pageSize, pages, page, offset } = pageOf(total, input);
    const rows =
      total === 0
        ? []
        : await deps.db
            .select(PUBLIC_COLUMNS)
            .from(pakn)
            .where(where)
            .orderBy(desc(pakn.publishedAt), desc(pakn.id))
            .limit(pageSize)
            .offset(offset);
    return { items: rows.map((r) => toPublished(r)), total, page, pageSize, pages };
  }
  await deps.search.sync(deps.db);
  const ids = deps.search.search(input);
  const { pageSize, pages, page, offset } = pageOf(ids.length, input);
  const pageIds = ids.slice(offset, offset + pageSize);
  const rows =
    pageIds.length === 0
      ? []
      : await deps.db
          .select(PUBLIC_COLUMNS)
          .from(pakn)
          .where(and(eq(pakn.status, "published"), inArray(pakn.id, pageIds)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = pageIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toPublished(row)] : [];
  });
  return { items, total: ids.length, page, pageSize, pages };
}

/** The newest published answers (for the RSS and JSON feeds). */
export async function listNewestAnswers(deps: { db: Db }, limit = 30): Promise<PublishedPakn[]> {
  const rows = await deps.db
    .select(PUBLIC_COLUMNS)
    .from(pakn)
    .where(eq(pakn.status, "published"))
    .orderBy(desc(pakn.publishedAt), desc(pakn.id))
    .limit(Math.min(Math.max(1, limit), 100));
  return rows.map((r) => toPublished(r));
}

/** The fields (lĩnh vực) that published PAKN are filed under, for the listing's filter. */
export async function listPublishedFields(deps: { db: Db }): Promise<string[]> {
  const rows = await deps.db
    .selectDistinct({ field: pakn.field })
    .from(pakn)
    .where(and(eq(pakn.status, "published"), isNotNull(pakn.field)));
  return rows.flatMap((r) => (r.field ? [r.field] : [])).sort((a, b) => a.localeCompare(b, "vi"));
}
