import type { PublicStats, StatLine } from "../../feedback/public/public-stats.js";
import { html, type SafeHtml } from "../html.js";
import { monthlyChart, onTimeRateChart } from "./charts.js";

/** The score provinces are held to: at least 90% of PAKN answered on time. */
export const ON_TIME_TARGET = 0.9;

const num = (n: number) => n.toLocaleString("vi-VN");
const rate = (r: number | null) => (r === null ? "—" : `${Math.round(r * 100)}%`);
const avg = (a: number | null) =>
  a === null ? "—" : a.toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const monthLabel = (m: string) => `${m.slice(5)}/${m.slice(0, 4)}`;

function cells(l: StatLine): SafeHtml {
  return html`<td>${num(l.received)}</td><td>${num(l.answered)}</td><td>${num(l.due)}</td><td>${num(l.onTime)}</td>
<td><strong>${rate(l.onTimeRate)}</strong></td><td>${num(l.overdueOpen)}</td>
<td>${avg(l.averageRating)}${l.ratingCount ? html` <span class="muted">(${num(l.ratingCount)} lượt)</span>` : ""}</td>`;
}

const HEADERS = html`<th scope="col">Tiếp nhận</th><th scope="col">Đã trả lời</th><th scope="col">Đến hạn</th>
<th scope="col">Trả lời đúng hạn</th><th scope="col">Tỉ lệ đúng hạn</th><th scope="col">Quá hạn chưa trả lời</th>
<th scope="col">Đánh giá trung bình (1–5)</th>`;

function table(input: {
  caption: string;
  head: string;
  rows: { name: string; line: StatLine }[];
  total: StatLine;
}) {
  return html`<div class="table-scroll" role="region" aria-label="${input.caption}" tabindex="0">
<table class="stats"><caption>${input.caption}</caption>
<thead><tr><th scope="col">${input.head}</th>${HEADERS}</tr></thead>
<tbody>${input.rows.map((r) => html`<tr><th scope="row">${r.name}</th>${cells(r.line)}</tr>`)}</tbody>
<tfoot><tr><th scope="row">Tổng cộng</th>${cells(input.total)}</tr></tfoot>
</table></div>`;
}

function periodForm(stats: PublicStats): SafeHtml {
  return html`<form class="filters compact" method="get" action="/thong-ke" aria-label="Chọn khoảng thời gian">
<div class="field"><label for="tu">Từ tháng</label><input id="tu" name="tu" type="month" value="${stats.fromMonth}" placeholder="01/2026" aria-describedby="month-hint"></div>
<div class="field"><label for="den">Đến tháng</label><input id="den" name="den" type="month" value="${stats.toMonth}" placeholder="12/2026" aria-describedby="month-hint"></div>
<div class="actions"><button type="submit">Xem</button></div>
<p id="month-hint" class="muted hint">Nhập tháng dạng 03/2026; tối đa 36 tháng.</p>
</form>`;
}

/** The body of `GET /thong-ke`: headline numbers, the two charts each followed by its table, and how they are counted. */
export function statsBody(stats: PublicStats, agencyName: (id: string | null) => string): SafeHtml {
  const { total } = stats;
  const span = `${monthLabel(stats.fromMonth)} – ${monthLabel(stats.toMonth)}`;
  const agencies = stats.byAgency.map((a) => ({ name: agencyName(a.agencyId), line: a }));
  const rated = agencies.filter((a) => a.line.onTimeRate !== null);
  const bars = rated
    .map((a) => ({ label: a.name, rate: a.line.onTimeRate as number }))
    .sort((a, b) => a.rate - b.rate || a.label.localeCompare(b.label, "vi"));
  return html`<h1>Thống kê trả lời phản ánh, kiến nghị</h1>
<p class="lead">Theo tháng tiếp nhận, từ ${span}. Mục tiêu: ít nhất ${rate(ON_TIME_TARGET)} phản ánh được trả lời đúng hạn.</p>
${periodForm(stats)}
<ul class="kpis">
<li><span class="kpi">${num(total.received)}</span> tiếp nhận</li>
<li><span class="kpi">${num(total.answered)}</span> đã trả lời</li>
<li><span class="kpi">${rate(total.onTimeRate)}</span> trả lời đúng hạn</li>
<li><span class="kpi">${num(total.overdueOpen)}</span> quá hạn chưa trả lời</li>
<li><span class="kpi">${avg(total.averageRating)}</span> điểm hài lòng trung bình (${num(total.ratingCount)} lượt đánh giá)</li>
</ul>
<section aria-labelledby="agency-h"><h2 id="agency-h">Tỉ lệ trả lời đúng hạn theo cơ quan</h2>
${
  bars.length
    ? html`<figure>${onTimeRateChart({ id: "chart-agency", title: `Tỉ lệ trả lời đúng hạn theo cơ quan, ${span}`, bars, target: ON_TIME_TARGET })}
<figcaption>Thấp nhất ở trên. Vạch đứt là mục tiêu ${rate(ON_TIME_TARGET)}; chỉ tính cơ quan đã có phản ánh đến hạn.</figcaption></figure>`
    : html`<p>Chưa có phản ánh nào đến hạn trả lời trong khoảng thời gian này.</p>`
}
${table({ caption: `Số liệu theo cơ quan, ${span}`, head: "Cơ quan", rows: agencies, total })}
</section>
<section aria-labelledby="month-h"><h2 id="month-h">Tiếp nhận và trả lời theo tháng</h2>
<figure>${monthlyChart({
    id: "chart-month",
    title: `Số phản ánh tiếp nhận và đã trả lời theo tháng, ${span}`,
    months: stats.byMonth.map((m, i) => ({
      label: String(Number(m.month.slice(5))),
      // The first month's year would collide with January's right after it: the title has both.
      year:
        m.month.endsWith("-01") || (i === 0 && !stats.byMonth[1]?.month.endsWith("-01"))
          ? m.month.slice(0, 4)
          : undefined,
      received: m.received,
      answered: m.answered,
    })),
  })}
<figcaption>Số dưới cột là tháng. Cột xám: tiếp nhận trong tháng; cột xanh: số phản ánh của tháng đó đã được trả lời.</figcaption></figure>
${table({
  caption: `Số liệu theo tháng tiếp nhận, ${span}`,
  head: "Tháng",
  rows: stats.byMonth.map((m) => ({ name: monthLabel(m.month), line: m })),
  total,
})}
</section>
<section aria-labelledby="how-h"><h2 id="how-h">Cách tính</h2>
<ul>
<li><strong>Tiếp nhận</strong>: phản ánh, kiến nghị nhận được trong tháng (phản ánh trùng đã gộp chỉ tính một lần).</li>
<li><strong>Đến hạn</strong>: phản ánh đã quá hạn trả lời hoặc đã được trả lời.</li>
<li><strong>Tỉ lệ đúng hạn</strong> = số trả lời đúng hạn ÷ số đến hạn. Phản ánh không được tiếp nhận hoặc không thuộc phạm vi giải quyết không tính vào số đến hạn.</li>
<li><strong>Đánh giá</strong>: điểm hài lòng 1–5 người gửi chấm sau khi nhận câu trả lời.</li>
</ul>
<p><a href="/phan-anh">Xem các phản ánh đã được trả lời</a></p>
</section>`;
}
