import { pakn } from "../../db/schema.js";
import { audit } from "../officers/audit.js";
import type { SignedInOfficer } from "../officers/roles.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import { kindLabel } from "../status-labels.js";
import { dueSoonLimit, wasLate } from "./deadline-marks.js";
import { type InboxDeps, inboxColumns, inboxCondition, inboxOrder } from "./inbox.js";
import type { InboxFilters } from "./inbox-filters.js";
import { officerStatusLabel } from "./officer-labels.js";
import { vnDateTime } from "./vn-date-time.js";

/** Most rows one export carries (a province's year of PAKN fits many times over). */
export const CSV_MAX_ROWS = 50_000;

/** The byte order mark Excel needs to read the file as UTF-8 (and show Vietnamese correctly). */
export const UTF8_BOM = "\uFEFF";

const HEADER = [
  "Mã",
  "Loại",
  "Trạng thái",
  "Lĩnh vực",
  "Cơ quan xử lý",
  "Ngày tiếp nhận",
  "Hạn trả lời",
  "Ngày trả lời",
  "Quá hạn",
  "Họ tên người gửi",
  "Số điện thoại",
  "Địa chỉ",
];

/** CMND/CCCD-like digit runs: never exported, even when typed into a name or address field. */
const ID_NUMBER = /(?<!\d)(?:\d{12}|\d{9})(?!\d)/g;

/**
 * One CSV cell: quoted, inner quotes doubled, and a cell a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) prefixed with an apostrophe.
 */
export function csvCell(value: string | null | undefined): string {
  let v = value ?? "";
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return `"${v.replace(/"/g, '""')}"`;
}

/** Rows as CSV text with the BOM and CRLF line ends. */
export function toCsv(rows: readonly (readonly (string | null | undefined)[])[]): string {
  return `${UTF8_BOM}${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

const noIds = (text: string) => text.replace(ID_NUMBER, "[đã ẩn số giấy tờ]");

/**
 * The inbox with the officer's current filters (every page, within their scope) as a CSV file
 * for a spreadsheet; staff see the sender's contact details but never an ID number. The export
 * is audited, since it carries personal data out of the console.
 */
export async function exportInboxCsv(
  deps: InboxDeps & { agencies: AgencyDirectory },
  officer: SignedInOfficer,
  filters: InboxFilters,
  options: { ip?: string } = {},
): Promise<{ csv: string; rows: number }> {
  const now = deps.now?.() ?? new Date();
  const where = inboxCondition(officer, filters, now, dueSoonLimit(deps.calendar, now));
  const rows = await deps.db
    .select({ ...inboxColumns, contactPhone: pakn.contactPhone, contactAddress: pakn.contactAddress })
    .from(pakn)
    .where(where)
    .orderBy(...inboxOrder())
    .limit(CSV_MAX_ROWS);
  const lines = rows.map((r) => {
    const late = wasLate(r, now);
    return [
      r.code,
      kindLabel(r.kind),
      officerStatusLabel(r.status),
      r.field,
      r.agencyId ? (deps.agencies.get(r.agencyId)?.name ?? r.agencyId) : "",
      vnDateTime(r.receivedAt),
      vnDateTime(r.answerDueAt),
      vnDateTime(r.answeredAt),
      late === null ? "" : late ? "Có" : "Không",
      noIds(r.contactName),
      r.contactPhone,
      noIds(r.contactAddress),
    ];
  });
  // The search words may be a citizen's name or phone: the audit records only that there were some.
  const { page: _page, q, ...kept } = filters;
  await audit(deps.db, {
    officerId: officer.id,
    action: "pakn.export_csv",
    targetType: "pakn",
    data: { filters: { ...kept, searched: Boolean(q) }, rows: rows.length },
    ip: options.ip,
  });
  return { csv: toCsv([HEADER, ...lines]), rows: rows.length };
}
