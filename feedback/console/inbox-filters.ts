import { isPaknStatus, type PaknStatus } from "../lifecycle.js";
import { isLocalDate, type LocalDate } from "../working-calendar.js";

/** Which items the inbox lists: every still-open item (default), all of them, or one state. */
export type StatusFilter = "open" | "all" | PaknStatus;

/** A deadline mark to list only (the header's counts link to these). */
export type MarkFilter = "overdue" | "due_soon" | "paused";

/** The inbox's filters as a GET form sends them; every value optional, invalid ones ignored. */
export interface InboxFilters {
  status: StatusFilter;
  mark?: MarkFilter;
  field?: string;
  /** Agency id (province-wide roles only; others are always limited to their own agency). */
  agency?: string;
  /** Received on or after this local day. */
  from?: LocalDate;
  /** Received on or before this local day. */
  to?: LocalDate;
  /** Words to find in the code, the content or the sender's name, diacritics ignored. */
  q?: string;
  /** The coordinator's triage view: items without an agency or routed with low confidence. */
  triage?: boolean;
  page: number;
}

const MARKS: readonly MarkFilter[] = ["overdue", "due_soon", "paused"];

const text = (value: unknown, max: number): string | undefined => {
  const v = typeof value === "string" ? value.trim() : undefined;
  return v ? v.slice(0, max) : undefined;
};

/** Reads filters from a query string object, dropping what is malformed (a filter form never errors). */
export function parseInboxFilters(query: Record<string, unknown>): InboxFilters {
  const status = text(query.status, 20);
  const mark = text(query.mark, 20);
  const from = text(query.from, 10);
  const to = text(query.to, 10);
  const page = Number.parseInt(text(query.page, 6) ?? "1", 10);
  const agency = text(query.agency, 60);
  return {
    status: status === "all" || (status && isPaknStatus(status)) ? (status as StatusFilter) : "open",
    mark: MARKS.includes(mark as MarkFilter) ? (mark as MarkFilter) : undefined,
    field: text(query.field, 200),
    agency: agency && /^[a-z0-9-]+$/.test(agency) ? agency : undefined,
    from: from && isLocalDate(from) ? from : undefined,
    to: to && isLocalDate(to) ? to : undefined,
    q: text(query.q, 200),
    triage: query.triage === "1" || undefined,
    page: Number.isSafeInteger(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

/** The filters as query-string pairs (for paging links and the CSV link); defaults left out. */
export function filtersToQuery(filters: InboxFilters, over: Partial<InboxFilters> = {}): string {
  const f = { ...filters, ...over };
  const params = new URLSearchParams();
  if (f.status !== "open") params.set("status", f.status);
  if (f.mark) params.set("mark", f.mark);
  if (f.field) params.set("field", f.field);
  if (f.agency) params.set("agency", f.agency);
  if (f.from) params.set("from", f.from);
  if (f.to) params.set("to", f.to);
  if (f.q) params.set("q", f.q);
  if (f.triage) params.set("triage", "1");
  if (f.page > 1) params.set("page", String(f.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}
