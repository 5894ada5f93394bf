import type { PublishedPage } from "../../feedback/public/list-published.js";
import type { Period } from "../../feedback/public/public-period.js";
import type { PublishedPakn } from "../../feedback/public/published-item.js";
import type { Agency } from "../../feedback/routing/agencies.js";
import { kindLabel } from "../../feedback/status-labels.js";
import { formatVnDate } from "../../feedback/vn-date.js";
import { html, type SafeHtml } from "../html.js";
import { excerpt, onTimeBadge } from "./public-shared.js";

/** What the visitor asked for, echoed back into the form and the paging links. */
export interface ListingQuery {
  q: string;
  field: string;
  agencyId: string;
  period: Period;
  periodInvalid: boolean;
}

/** Everything the listing page shows. */
export interface ListingView {
  query: ListingQuery;
  result: PublishedPage;
  fields: readonly string[];
  agencies: readonly Agency[];
  agencyName: (id: string | null) => string;
}

/** The listing URL for the same filters on another page. */
export function listingHref(query: ListingQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.field) params.set("linh_vuc", query.field);
  if (query.agencyId) params.set("co_quan", query.agencyId);
  if (query.period.month) params.set("thang", query.period.month);
  if (query.period.fromDay) params.set("tu", query.period.fromDay);
  if (query.period.toDay) params.set("den", query.period.toDay);
  if (page > 1) params.set("trang", String(page));
  const qs = params.toString();
  return qs ? `/phan-anh?${qs}` : "/phan-anh";
}

function options(values: readonly { value: string; label: string }[], selected: string): SafeHtml {
  return html`${values.map(
    (v) => html`<option value="${v.value}"${v.value === selected ? html` selected` : ""}>${v.label}</option>`,
  )}`;
}

function filterForm(view: ListingView): SafeHtml {
  const { query } = view;
  const filtered = !!(
    query.field ||
    query.agencyId ||
    query.period.from ||
    query.period.before ||
    query.periodInvalid
  );
  return html`<form class="filters" method="get" action="/phan-anh" role="search" aria-label="Tìm phản ánh đã trả lời">
<div class="search-row"><div class="field wide"><label for="q">Từ khóa</label>
<input id="q" name="q" type="search" value="${query.q}" placeholder="ví dụ: ngap nuoc, dat dai" autocomplete="off" aria-describedby="q-hint"></div>
<button type="submit">Tìm</button></div>
<p id="q-hint" class="muted hint">Gõ có dấu hoặc không dấu đều được; tìm được cả theo mã phản ánh.</p>
<details${filtered ? html` open` : ""}><summary>Lọc theo lĩnh vực, cơ quan, thời gian gửi</summary>
<div class="filter-grid">
<div class="field"><label for="linh_vuc">Lĩnh vực</label>
<select id="linh_vuc" name="linh_vuc"><option value="">Tất cả lĩnh vực</option>${options(
    view.fields.map((f) => ({ value: f, label: f })),
    query.field,
  )}</select></div>
<div class="field"><label for="co_quan">Cơ quan trả lời</label>
<select id="co_quan" name="co_quan"><option value="">Tất cả cơ quan</option>${options(
    view.agencies.map((a) => ({ value: a.id, label: a.name })),
    query.agencyId,
  )}</select></div>
<fieldset class="period"><legend>Thời gian gửi</legend>
<div class="field"><label for="thang">Tháng</label>
<input id="thang" name="thang" type="month" value="${query.period.month ?? ""}" placeholder="03/2026" aria-describedby="period-hint"></div>
<div class="field"><label for="tu">Từ ngày</label>
<input id="tu" name="tu" type="date" value="${query.period.fromDay ?? ""}" aria-describedby="period-hint"></div>
<div class="field"><label for="den">Đến ngày</label>
<input id="den" name="den" type="date" value="${query.period.toDay ?? ""}" aria-describedby="period-hint"></div>
<p id="period-hint" class="muted hint">Chọn một tháng (ví dụ 03/2026) hoặc khoảng ngày (ví dụ 01/03/2026 đến 31/03/2026).</p>
</fieldset>
<div class="actions"><button type="submit">Áp dụng bộ lọc</button> <a class="button secondary" href="/phan-anh">Xóa bộ lọc</a></div>
</div></details>
</form>`;
}

function item(p: PublishedPakn, agencyName: (id: string | null) => string): SafeHtml {
  return html`<li class="pakn-item"><article aria-labelledby="t-${p.code}">
<h2 id="t-${p.code}"><a href="/phan-anh/${p.code}">${kindLabel(p.kind)} ${p.code}</a></h2>
<p>${excerpt(p.question)}</p>
<p class="meta"><span>${agencyName(p.agencyId)}</span>${p.field ? html` · <span>${p.field}</span>` : ""}
 · <span class="nowrap">Gửi ngày ${formatVnDate(p.receivedAt)}</span>
${p.answeredAt ? html` · <span class="nowrap">Trả lời ngày ${formatVnDate(p.answeredAt)}</span>` : ""} ${onTimeBadge(p.onTime)}</p>
</article></li>`;
}

/** Page numbers around the current one, with gaps marked by 0. */
export function pageWindow(page: number, pages: number): number[] {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2]);
  const sorted = [...wanted].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const out: number[] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    if (last !== undefined && p - last > 1) out.push(0);
    out.push(p);
  }
  return out;
}

function paging(query: ListingQuery, result: PublishedPage): SafeHtml | "" {
  if (result.pages <= 1) return "";
  const { page, pages } = result;
  return html`<nav class="paging" aria-label="Phân trang"><ul>
${page > 1 ? html`<li><a href="${listingHref(query, page - 1)}" rel="prev">‹ Trang trước</a></li>` : ""}
${pageWindow(page, pages).map((p) =>
  p === 0
    ? html`<li aria-hidden="true">…</li>`
    : p === page
      ? html`<li><a href="${listingHref(query, p)}" aria-current="page" aria-label="Trang ${p}, trang hiện tại">${p}</a></li>`
      : html`<li><a href="${listingHref(query, p)}" aria-label="Trang ${p}">${p}</a></li>`,
)}
${page < pages ? html`<li><a href="${listingHref(query, page + 1)}" rel="next">Trang sau ›</a></li>` : ""}
</ul></nav>`;
}

function summary(view: ListingView): string {
  const { result, query } = view;
  const filtered = query.q || query.field || query.agencyId || query.period.from || query.period.before;
  if (result.total === 0)
    return filtered
      ? "Không tìm thấy phản ánh nào phù hợp. Hãy thử từ khóa khác hoặc bỏ bớt bộ lọc."
      : "Chưa có phản ánh nào được trả lời và công khai.";
  const pageText = result.pages > 1 ? ` (trang ${result.page}/${result.pages})` : "";
  return `${filtered ? "Tìm thấy" : "Có"} ${result.total.toLocaleString("vi-VN")} phản ánh, kiến nghị đã trả lời${pageText}.`;
}

/** The body of `GET /phan-anh`: search and filters, the results, paging and the feed links. */
export function listingBody(view: ListingView): SafeHtml {
  return html`<h1>Phản ánh, kiến nghị đã được trả lời</h1>
<p class="lead">Câu hỏi của người dân, doanh nghiệp và câu trả lời chính thức của cơ quan nhà nước. Thông tin cá nhân của người gửi đã được ẩn.</p>
${filterForm(view)}
${view.query.periodInvalid ? html`<p class="error" role="alert">Không đọc được thời gian đã nhập; kết quả dưới đây không lọc theo thời gian đó.</p>` : ""}
<p class="result-count" role="status">${summary(view)}</p>
${view.result.items.length ? html`<ol class="pakn-list">${view.result.items.map((p) => item(p, view.agencyName))}</ol>` : ""}
${paging(view.query, view.result)}
<p class="feeds">Theo dõi câu trả lời mới: <a href="/phan-anh/rss.xml" type="application/rss+xml">RSS</a> · <a href="/phan-anh/feed.json" type="application/feed+json">JSON Feed</a> · <a href="/thong-ke">Thống kê đúng hạn</a></p>`;
}
