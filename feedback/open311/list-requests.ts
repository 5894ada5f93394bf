import { and, desc, gte, inArray, isNotNull, isNull, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { pakn } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import { OTHER_SERVICE_CODE, type ServiceCatalog } from "./service-catalog.js";
import { parseW3, toVnW3 } from "./w3-datetime.js";

/**
 * A service request as GeoReport v2 lists it. Only published PAKN are listed, and a published PAKN
 * has been answered: its status is always "closed", its status_notes the published answer. The
 * location fields are always null: a PAKN's place may name the sender's home.
 */
export interface Open311Request {
  service_request_id: string;
  status: "open" | "closed";
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: null;
  address_id: null;
  zipcode: null;
  lat: null;
  long: null;
  media_url: null;
}

/** The query arguments of `GET requests` (strings as received; empty means not given). */
export interface RequestsQuery {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
  page?: string;
  page_size?: string;
}

/** What listing needs: the database, the catalog, agency names, the public site address. */
export interface ListRequestsDeps {
  db: Db;
  catalog: ServiceCatalog;
  agencies: AgencyDirectory;
  publicUrl?: string;
  now?: () => Date;
}

/** The spec's window: at most 90 days of requested_datetime per query, the last 90 by default. */
export const MAX_WINDOW_DAYS = 90;
/** The spec's default volume, and the most one page returns. */
export const MAX_PAGE_SIZE = 1000;
/** Open311 limits free text to 4,000 characters. */
const MAX_TEXT = 4000;
const DAY_MS = 24 * 60 * 60 * 1000;

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

/** A tracking code exactly as the API hands it out (case aside), or undefined. */
const asCode = (id: string) => {
  const code = id.trim().toUpperCase();
  return /^PAKN\.\d{8}\.\d{4,}$/.test(code) ? code : undefined;
};

const bad = (description: string) => new AppError("bad_request", description, { description });

const cut = (text: string | null) =>
  text && text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;

/** The columns the API reads: none of them holds the sender's identity or the raw content. */
const PUBLIC_COLUMNS = {
  code: pakn.code,
  field: pakn.field,
  agencyId: pakn.agencyId,
  publicQuestion: pakn.publicQuestion,
  publicAnswer: pakn.publicAnswer,
  receivedAt: pakn.receivedAt,
  publishedAt: pakn.publishedAt,
  answerDueAt: pakn.answerDueAt,
};

type PublicRow = { [K in keyof typeof PUBLIC_COLUMNS]: (typeof pakn.$inferSelect)[K] };

function present(deps: ListRequestsDeps, row: PublicRow): Open311Request {
  const service = deps.catalog.serviceOf(row.field);
  const base = deps.publicUrl?.replace(/\/+$/, "");
  const publishedAt = row.publishedAt ?? row.receivedAt;
  return {
    service_request_id: row.code,
    status: "closed",
    status_notes: cut(row.publicAnswer),
    service_name: service.service_name,
    service_code: service.service_code,
    description: cut(row.publicQuestion),
    agency_responsible: row.agencyId ? (deps.agencies.get(row.agencyId)?.name ?? null) : null,
    service_notice: base ? `Toàn văn câu hỏi và trả lời: ${base}/phan-anh/${row.code}` : null,
    requested_datetime: toVnW3(row.receivedAt),
    updated_datetime: toVnW3(publishedAt),
    expected_datetime: toVnW3(row.answerDueAt),
    address: null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

function dateArg(value: string | undefined, name: string): Date | undefined {
  if (!value?.trim()) return undefined;
  const at = parseW3(value);
  if (!at) throw bad(`${name} phải theo định dạng W3C, ví dụ 2026-01-01T00:00:00+07:00`);
  return at;
}

function pageArg(value: string | undefined, name: string, fallback: number, max: number): number {
  if (!value?.trim()) return fallback;
  if (!/^\d{1,7}$/.test(value.trim()) || Number(value) < 1) throw bad(`${name} phải là số nguyên dương`);
  return Math.min(Number(value), max);
}

/** The requested_datetime window: both ends given, one end (90 days from it), or the last 90 days. */
function window(query: RequestsQuery, now: Date): { from: Date; to: Date } {
  const start = dateArg(query.start_date, "start_date");
  const end = dateArg(query.end_date, "end_date");
  const span = MAX_WINDOW_DAYS * DAY_MS;
  if (start && end) {
    if (end.getTime() < start.getTime()) throw bad("end_date phải sau start_date");
    if (end.getTime() - start.getTime() > span)
      throw bad(`start_date và end_date cách nhau tối đa ${MAX_WINDOW_DAYS} ngày`);
    return { from: start, to: end };
  }
  if (start) return { from: start, to: new Date(start.getTime() + span) };
  const to = end ?? now;
  return { from: new Date(to.getTime() - span), to };
}

/** Fields stored on published PAKN that belong to the wanted services (for the SQL filter). */
async function fieldsOf(deps: ListRequestsDeps, codes: string[]): Promise<SQL | undefined> {
  const rows = await deps.db
    .selectDistinct({ field: pakn.field })
    .from(pakn)
    .where(isNotNull(pakn.publishedAt));
  const wanted = new Set(codes);
  const fields = rows
    .map((r) => r.field)
    .filter((f): f is string => f !== null && wanted.has(deps.catalog.serviceOf(f).service_code));
  const parts: SQL[] = [];
  if (fields.length > 0) parts.push(inArray(pakn.field, fields));
  if (wanted.has(OTHER_SERVICE_CODE)) parts.push(isNull(pakn.field));
  return parts.length > 0 ? or(...parts) : undefined;
}

/**
 * `GET requests`: published PAKN newest first, filtered as the spec says (service_request_id
 * overrides everything else; a window of at most 90 days; service codes and statuses as comma
 * lists), `page_size` (≤ 1000, default 1000) a page. `more` says whether another page follows.
 */
export async function listOpen311Requests(
  deps: ListRequestsDeps,
  query: RequestsQuery,
): Promise<{ requests: Open311Request[]; more: boolean }> {
  const ids = list(query.service_request_id);
  if (ids.length > 0) {
    if (ids.length > MAX_PAGE_SIZE) throw bad(`tối đa ${MAX_PAGE_SIZE} service_request_id một lần`);
    const codes = ids.map(asCode).filter((c): c is string => c !== undefined);
    if (codes.length === 0) return { requests: [], more: false };
    const rows = await deps.db
      .select(PUBLIC_COLUMNS)
      .from(pakn)
      .where(and(isNotNull(pakn.publishedAt), inArray(pakn.code, codes)))
      .orderBy(desc(pakn.receivedAt), desc(pakn.id));
    return { requests: rows.map((r) => present(deps, r)), more: false };
  }
  const statuses = list(query.status);
  for (const s of statuses) if (s !== "open" && s !== "closed") throw bad("status chỉ nhận open, closed");
  const pageSize = pageArg(query.page_size, "page_size", MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = pageArg(query.page, "page", 1, 1_000_000);
  const { from, to } = window(query, deps.now?.() ?? new Date());
  // Every listed request is closed (published = answered): asking for open ones only finds none.
  if (statuses.length > 0 && !statuses.includes("closed")) return { requests: [], more: false };
  const conditions: (SQL | undefined)[] = [
    isNotNull(pakn.publishedAt),
    gte(pakn.receivedAt, from),
    lt(pakn.receivedAt, new Date(to.getTime() + 1)),
  ];
  const codes = list(query.service_code);
  if (codes.length > 0) {
    const byService = await fieldsOf(deps, codes);
    if (!byService) return { requests: [], more: false };
    conditions.push(byService);
  }
  const rows = await deps.db
    .select(PUBLIC_COLUMNS)
    .from(pakn)
    .where(and(...conditions))
    .orderBy(desc(pakn.receivedAt), desc(pakn.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return { requests: rows.slice(0, pageSize).map((r) => present(deps, r)), more: rows.length > pageSize };
}

/** `GET requests/:id`: the one published PAKN with that tracking code, or undefined. */
export async function findOpen311Request(
  deps: ListRequestsDeps,
  id: string,
): Promise<Open311Request | undefined> {
  const code = asCode(id);
  if (!code) return undefined;
  const [row] = await deps.db
    .select(PUBLIC_COLUMNS)
    .from(pakn)
    .where(and(isNotNull(pakn.publishedAt), inArray(pakn.code, [code])));
  return row ? present(deps, row) : undefined;
}
