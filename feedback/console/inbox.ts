import { and, asc, eq, gte, isNull, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { pakn } from "../../db/schema.js";
import {
  ANSWER_IN_REVIEW,
  AWAITING_AGENCY,
  FINAL_STATUSES,
  PAUSED_STATUSES,
  RUNNING_STATUSES,
} from "../lifecycle.js";
import { isProvinceWide, type SignedInOfficer } from "../officers/roles.js";
import { statusIn, statusNotIn } from "../status-sql.js";
import { endOfLocalDay, startOfLocalDay, type WorkingCalendar } from "../working-calendar.js";
import { type DeadlineMark, deadlineMark, dueSoonLimit } from "./deadline-marks.js";
import { foldedContainsAll } from "./folded-match.js";
import type { InboxFilters } from "./inbox-filters.js";
import { paknScope } from "./pakn-scope.js";

/** Items per inbox page. */
export const INBOX_PAGE_SIZE = 25;

/** Below this routing confidence an automatically assigned item is shown in the triage view too. */
export const LOW_ROUTING_CONFIDENCE = 0.65;

/** What the inbox needs. */
export interface InboxDeps {
  db: Db;
  calendar: WorkingCalendar;
  now?: () => Date;
}

/** One inbox row: enough to pick the next item to work on. */
export interface InboxItem {
  id: number;
  code: string;
  kind: string;
  status: string;
  field: string | null;
  agencyId: string | null;
  contactName: string;
  excerpt: string;
  receivedAt: Date;
  answerDueAt: Date;
  answeredAt: Date | null;
  mark: DeadlineMark;
}

/** How many items in the officer's whole scope carry each mark (the header's summary). */
export interface InboxCounts {
  overdue: number;
  dueSoon: number;
  paused: number;
  /** Items waiting for the coordinator (province-wide roles only; 0 otherwise). */
  triage: number;
}

/** One page of the inbox, its total and the scope's counts. */
export interface InboxPage {
  items: InboxItem[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  counts: InboxCounts;
}

const EXCERPT_CHARS = 160;

/** Items no agency holds yet, or that the router assigned without being sure. */
function triageCondition(): SQL {
  return sql`((${pakn.agencyId} IS NULL AND ${statusIn(pakn.status, AWAITING_AGENCY)})
    OR (${pakn.status} = 'assigned' AND EXISTS (SELECT 1 FROM pakn_events e WHERE e.pakn_id = ${pakn.id}
      AND e.actor = 'system:router' AND e.to_status = 'assigned'
      AND (e.data->>'confidence')::float8 < ${LOW_ROUTING_CONFIDENCE})))`;
}

function markCondition(mark: InboxFilters["mark"], now: Date, soon: Date): SQL | undefined {
  if (mark === "paused") return statusIn(pakn.status, PAUSED_STATUSES);
  if (mark === "overdue") return and(statusIn(pakn.status, RUNNING_STATUSES), lt(pakn.answerDueAt, now));
  if (mark === "due_soon")
    return and(
      statusIn(pakn.status, RUNNING_STATUSES),
      gte(pakn.answerDueAt, now),
      lte(pakn.answerDueAt, soon),
    );
  return undefined;
}

/** The WHERE of an inbox query: scope first, then every filter the officer set. */
export function inboxCondition(officer: SignedInOfficer, filters: InboxFilters, now: Date, soon: Date): SQL {
  const parts: (SQL | undefined)[] = [paknScope(officer)];
  if (filters.status === "open") parts.push(statusNotIn(pakn.status, FINAL_STATUSES));
  else if (filters.status !== "all") parts.push(eq(pakn.status, filters.status) as SQL);
  parts.push(markCondition(filters.mark, now, soon));
  if (filters.field) parts.push(eq(pakn.field, filters.field) as SQL);
  if (filters.agency && isProvinceWide(officer.role)) {
    parts.push(
      filters.agency === "none" ? (isNull(pakn.agencyId) as SQL) : (eq(pakn.agencyId, filters.agency) as SQL),
    );
  }
  if (filters.from) parts.push(gte(pakn.receivedAt, startOfLocalDay(filters.from)) as SQL);
  if (filters.to) parts.push(lte(pakn.receivedAt, endOfLocalDay(filters.to)) as SQL);
  if (filters.q) {
    parts.push(
      foldedContainsAll(sql`concat_ws(' ', ${pakn.code}, ${pakn.content}, ${pakn.contactName})`, filters.q),
    );
  }
  if (filters.triage && isProvinceWide(officer.role)) parts.push(triageCondition());
  return and(...parts.filter((p): p is SQL => p !== undefined)) as SQL;
}

/**
 * Inbox order: items whose answer clock runs first, by answer deadline (overdue at the top), then
 * those waiting for the citizen, then drafts awaiting approval or publication, then closed ones.
 */
export function inboxOrder(): SQL[] {
  return [
    sql`CASE WHEN ${statusIn(pakn.status, RUNNING_STATUSES)} THEN 0
      WHEN ${statusIn(pakn.status, PAUSED_STATUSES)} THEN 1
      WHEN ${statusIn(pakn.status, ANSWER_IN_REVIEW)} THEN 2 ELSE 3 END`,
    asc(pakn.answerDueAt) as unknown as SQL,
    asc(pakn.id) as unknown as SQL,
  ];
}

async function scopeCounts(deps: InboxDeps, officer: SignedInOfficer, now: Date, soon: Date) {
  const provinceWide = isProvinceWide(officer.role);
  const [row] = await deps.db
    .select({
      overdue: sql<string>`count(*) FILTER (WHERE ${markCondition("overdue", now, soon)})`,
      dueSoon: sql<string>`count(*) FILTER (WHERE ${markCondition("due_soon", now, soon)})`,
      paused: sql<string>`count(*) FILTER (WHERE ${markCondition("paused", now, soon)})`,
      triage: provinceWide ? sql<string>`count(*) FILTER (WHERE ${triageCondition()})` : sql<string>`0`,
    })
    .from(pakn)
    .where(paknScope(officer));
  return {
    overdue: Number(row?.overdue ?? 0),
    dueSoon: Number(row?.dueSoon ?? 0),
    paused: Number(row?.paused ?? 0),
    triage: Number(row?.triage ?? 0),
  };
}

/** The columns an inbox row or CSV line is made of. */
export const inboxColumns = {
  id: pakn.id,
  code: pakn.code,
  kind: pakn.kind,
  status: pakn.status,
  field: pakn.field,
  agencyId: pakn.agencyId,
  contactName: pakn.contactName,
  content: pakn.content,
  receivedAt: pakn.receivedAt,
  answerDueAt: pakn.answerDueAt,
  answeredAt: pakn.answeredAt,
};

/**
 * One page of the PAKN an officer may see, filtered and searched, in deadline order, each marked
 * overdue, due soon (≤ 2 working days left) or paused, with the scope's counts per mark.
 */
export async function listInbox(
  deps: InboxDeps,
  officer: SignedInOfficer,
  filters: InboxFilters,
): Promise<InboxPage> {
  const now = deps.now?.() ?? new Date();
  const soon = dueSoonLimit(deps.calendar, now);
  const where = inboxCondition(officer, filters, now, soon);
  const [totalRow] = await deps.db.select({ n: sql<string>`count(*)` }).from(pakn).where(where);
  const total = Number(totalRow?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const page = Math.min(filters.page, pages);
  const rows = await deps.db
    .select(inboxColumns)
    .from(pakn)
    .where(where)
    .orderBy(...inboxOrder())
    .limit(INBOX_PAGE_SIZE)
    .offset((page - 1) * INBOX_PAGE_SIZE);
  const items = rows.map(({ content, ...r }) => ({
    ...r,
    excerpt: content.length > EXCERPT_CHARS ? `${content.slice(0, EXCERPT_CHARS).trimEnd()}…` : content,
    mark: deadlineMark(deps.calendar, now, r),
  }));
  return {
    items,
    total,
    page,
    pageSize: INBOX_PAGE_SIZE,
    pages,
    counts: await scopeCounts(deps, officer, now, soon),
  };
}

/** The fields (lĩnh vực) present among the items an officer may see, for the filter's choices. */
export async function fieldsInScope(deps: { db: Db }, officer: SignedInOfficer): Promise<string[]> {
  const rows = await deps.db
    .selectDistinct({ field: pakn.field })
    .from(pakn)
    .where(and(paknScope(officer), sql`${pakn.field} IS NOT NULL`))
    .orderBy(asc(pakn.field));
  return rows.map((r) => r.field).filter((f): f is string => Boolean(f));
}

/** Whether any filter narrows the list (to say "no match" rather than "inbox empty"). */
export function isFiltered(filters: InboxFilters): boolean {
  return Boolean(
    filters.status !== "open" ||
      filters.mark ||
      filters.field ||
      filters.agency ||
      filters.from ||
      filters.to ||
      filters.q ||
      filters.triage,
  );
}
