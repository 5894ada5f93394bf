import { type DeadlineMark, MARK_LABELS } from "../../feedback/console/deadline-marks.js";
import type { InboxCounts, InboxPage } from "../../feedback/console/inbox.js";
import { filtersToQuery, type InboxFilters } from "../../feedback/console/inbox-filters.js";
import { OFFICER_STATUS_LABELS, officerStatusLabel } from "../../feedback/console/officer-labels.js";
import { PAKN_STATUSES } from "../../feedback/lifecycle.js";
import { isProvinceWide, type SignedInOfficer } from "../../feedback/officers/roles.js";
import type { AgencyDirectory } from "../../feedback/routing/agencies.js";
import { kindLabel } from "../../feedback/status-labels.js";
import { formatVnDate } from "../../feedback/vn-date.js";
import { html, type SafeHtml } from "../html.js";

/** A deadline mark as a badge with words (never colour alone). */
export function markBadge(mark: DeadlineMark): SafeHtml {
  if (!mark) return html``;
  const css = mark === "due_soon" ? "due-soon" : mark;
  return html` <span class="badge ${css}">${MARK_LABELS[mark]}</span>`;
}

function summary(counts: InboxCounts, officer: SignedInOfficer): SafeHtml {
  const parts = [
    html`<a href="/officer?mark=overdue">${counts.overdue} quá hạn</a>`,
    html`<a href="/officer?mark=due_soon">${counts.dueSoon} sắp đến hạn</a>`,
    html`<a href="/officer?mark=paused">${counts.paused} chờ người dân bổ sung</a>`,
  ];
  if (isProvinceWide(officer.role))
    parts.push(html`<a href="/officer?triage=1">${counts.triage} chờ điều phối</a>`);
  return html`<p class="inbox-summary">${parts.map((p, i) => html`${i ? ", " : ""}${p}`)}.</p>`;
}

const option = (value: string, label: string, selected: string | undefined) =>
  html`<option value="${value}"${value === (selected ?? "") ? html` selected` : ""}>${label}</option>`;

function filterForm(
  filters: InboxFilters,
  officer: SignedInOfficer,
  fields: readonly string[],
  agencies: AgencyDirectory,
): SafeHtml {
  const provinceWide = isProvinceWide(officer.role);
  return html`<form method="get" action="/officer" class="filters" role="search" aria-label="Tìm và lọc phản ánh">
<div><label for="q">Tìm theo mã, nội dung, tên người gửi</label>
<input id="q" name="q" type="search" value="${filters.q ?? ""}" placeholder="vd: duong ngap"></div>
<div><label for="status">Trạng thái</label><select id="status" name="status">
${option("open", "Đang mở (chưa kết thúc)", filters.status)}${option("all", "Tất cả", filters.status)}
${PAKN_STATUSES.map((s) => option(s, OFFICER_STATUS_LABELS[s], filters.status))}</select></div>
<div><label for="mark">Thời hạn</label><select id="mark" name="mark">
${option("", "Tất cả", filters.mark)}${option("overdue", "Quá hạn", filters.mark)}${option("due_soon", "Sắp đến hạn", filters.mark)}${option("paused", "Tạm dừng", filters.mark)}</select></div>
<div><label for="field">Lĩnh vực</label><select id="field" name="field">
${option("", "Tất cả", filters.field)}${fields.map((f) => option(f, f, filters.field))}</select></div>
${
  provinceWide
    ? html`<div><label for="agency">Cơ quan xử lý</label><select id="agency" name="agency">
${option("", "Tất cả", filters.agency)}${option("none", "Chưa có cơ quan", filters.agency)}${agencies.all.map((a) => option(a.id, a.name, filters.agency))}</select></div>`
    : ""
}
<div><label for="from">Tiếp nhận từ ngày</label><input id="from" name="from" type="date" value="${filters.from ?? ""}"></div>
<div><label for="to">đến ngày</label><input id="to" name="to" type="date" value="${filters.to ?? ""}"></div>
${
  provinceWide
    ? html`<div class="check"><input id="triage" name="triage" type="checkbox" value="1"${filters.triage ? html` checked` : ""}><label for="triage">Chỉ phản ánh chờ điều phối</label></div>`
    : ""
}
<div class="filter-buttons"><button type="submit">Lọc</button> <a href="/officer">Bỏ lọc</a></div>
</form>`;
}

/** The mark of an item whose citizen has not heard of a step (waiting or unreachable). */
const UNTOLD_BADGE = html`<br><span class="badge untold">Người dân chưa nhận được thông báo</span>`;

function rows(
  page: InboxPage,
  officer: SignedInOfficer,
  agencies: AgencyDirectory,
  untold: ReadonlySet<number>,
): SafeHtml {
  const provinceWide = isProvinceWide(officer.role);
  return html`<table class="responsive inbox">
<caption class="visually-hidden">Danh sách phản ánh, kiến nghị, hạn gần nhất ở trên</caption>
<thead><tr><th scope="col">Mã</th><th scope="col">Nội dung</th><th scope="col">Người gửi</th><th scope="col">Trạng thái</th>${
    provinceWide ? html`<th scope="col">Cơ quan</th>` : ""
  }<th scope="col">Lĩnh vực</th><th scope="col">Tiếp nhận</th><th scope="col">Hạn trả lời</th></tr></thead>
<tbody>
${page.items.map(
  (i) => html`<tr${i.mark ? html` class="mark-${i.mark}"` : ""}>
<td data-label="Mã"><a href="/officer/pakn/${i.code}">${i.code}</a><br><span class="muted">${kindLabel(i.kind)}</span></td>
<td data-label="Nội dung">${i.excerpt}</td>
<td data-label="Người gửi">${i.contactName}</td>
<td data-label="Trạng thái">${officerStatusLabel(i.status)}${untold.has(i.id) ? UNTOLD_BADGE : ""}</td>
${provinceWide ? html`<td data-label="Cơ quan">${i.agencyId ? (agencies.get(i.agencyId)?.name ?? i.agencyId) : html`<em>Chưa có</em>`}</td>` : ""}
<td data-label="Lĩnh vực">${i.field ?? ""}</td>
<td data-label="Tiếp nhận">${formatVnDate(i.receivedAt)}</td>
<td data-label="Hạn trả lời">${formatVnDate(i.answerDueAt)}${markBadge(i.mark)}</td>
</tr>`,
)}
</tbody></table>`;
}

function pager(page: InboxPage, filters: InboxFilters): SafeHtml {
  if (page.pages <= 1) return html``;
  return html`<nav class="pager" aria-label="Phân trang">
${page.page > 1 ? html`<a href="/officer${filtersToQuery(filters, { page: page.page - 1 })}" rel="prev">← Trang trước</a>` : ""}
<span>Trang ${page.page}/${page.pages}</span>
${page.page < page.pages ? html`<a href="/officer${filtersToQuery(filters, { page: page.page + 1 })}" rel="next">Trang sau →</a>` : ""}
</nav>`;
}

/** The inbox page's content: counts, filters, the table, paging and the CSV link. */
export function inboxView(input: {
  officer: SignedInOfficer;
  page: InboxPage;
  filters: InboxFilters;
  filtered: boolean;
  fields: readonly string[];
  agencies: AgencyDirectory;
  /** Ids of the page's items whose citizen has not heard of a step. */
  untold?: ReadonlySet<number>;
  flash?: string;
}): SafeHtml {
  const { page, filters } = input;
  const csv = `/officer/xuat.csv${filtersToQuery(filters, { page: 1 })}`;
  const empty = input.filtered
    ? html`<p>Không có phản ánh nào khớp bộ lọc. <a href="/officer">Bỏ lọc</a></p>`
    : html`<p>Hộp thư trống: chưa có phản ánh, kiến nghị nào cần xử lý.</p>`;
  return html`<h1>Hộp thư phản ánh, kiến nghị</h1>
${input.flash ? html`<p class="notice" role="status">${input.flash}</p>` : ""}
${summary(page.counts, input.officer)}
${filterForm(filters, input.officer, input.fields, input.agencies)}
<p class="inbox-tools"><span>${page.total} phản ánh</span> · <a href="${csv}">Tải danh sách (CSV, mở bằng Excel)</a> · <a href="/officer/mau-tra-loi">Mẫu trả lời</a></p>
${page.items.length ? rows(page, input.officer, input.agencies, input.untold ?? new Set()) : empty}
${pager(page, filters)}`;
}
