import { html, type SafeHtml } from "../html.js";

/** Chart width in SVG units; the CSS scales it to the screen (a phone shows it near 1:1). */
const W = 340;
const FONT = 14;
const SMALL = 12;
/** Colours with at least 3:1 contrast on white (WCAG non-text contrast). */
const COLORS = { ok: "#15803d", warn: "#b45309", bad: "#b91c1c", track: "#e5e7eb", ink: "#1a1a1a" };
/** Series colours of the monthly chart. */
export const SERIES = { received: "#64748b", answered: "#0b5394" } as const;

/** One bar of the on-time chart: an agency and its rate (0..1). */
export interface RateBar {
  label: string;
  rate: number;
}

const pct = (rate: number) => `${Math.round(rate * 100)}%`;
const fixed = (n: number) => Number(n.toFixed(1));

/** The colour of a rate against the target: green at or above, amber within 20 points, red below. */
export function rateColor(rate: number, target: number): string {
  if (rate >= target) return COLORS.ok;
  return rate >= target - 0.2 ? COLORS.warn : COLORS.bad;
}

/**
 * A horizontal bar chart of on-time rates (one row per agency: its name, then its bar, the value
 * at the end) with the target marked on every bar, so a reader sees at a glance who is under it.
 */
export function onTimeRateChart(input: {
  id: string;
  title: string;
  bars: RateBar[];
  target: number;
}): SafeHtml {
  const rowH = 46;
  const top = 26;
  const plotW = W - 50;
  const height = top + input.bars.length * rowH + 4;
  const targetX = fixed(plotW * input.target);
  const below = input.bars.filter((b) => b.rate < input.target).length;
  const desc = `${input.bars.length} cơ quan; ${below} cơ quan dưới mục tiêu ${pct(input.target)}. Số liệu chi tiết ở bảng ngay sau biểu đồ.`;
  const rows = input.bars.map((b, i) => {
    const y = top + i * rowH;
    const barY = y + 18;
    const width = fixed(Math.max(0, Math.min(1, b.rate)) * plotW);
    return html`<g>
<text x="0" y="${y + 13}" font-size="${FONT}" fill="${COLORS.ink}">${b.label}</text>
<rect x="0" y="${barY}" width="${plotW}" height="16" fill="${COLORS.track}"/>
<rect x="0" y="${barY}" width="${width}" height="16" fill="${rateColor(b.rate, input.target)}"/>
<line x1="${targetX}" x2="${targetX}" y1="${barY - 3}" y2="${barY + 19}" stroke="${COLORS.ink}" stroke-width="2" stroke-dasharray="3 2"/>
<text x="${plotW + 6}" y="${barY + 13}" font-size="${FONT}" font-weight="700" fill="${COLORS.ink}">${pct(b.rate)}</text>
</g>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="${input.id}-t ${input.id}-d" xmlns="http://www.w3.org/2000/svg">
<title id="${input.id}-t">${input.title}</title>
<desc id="${input.id}-d">${desc}</desc>
<line x1="6" x2="6" y1="1" y2="15" stroke="${COLORS.ink}" stroke-width="2" stroke-dasharray="3 2"/>
<text x="14" y="13" font-size="${SMALL}" fill="${COLORS.ink}">Mục tiêu ${pct(input.target)}</text>
<rect x="116" y="3" width="11" height="11" fill="${COLORS.ok}"/><text x="131" y="13" font-size="${SMALL}" fill="${COLORS.ink}">đạt</text>
<rect x="162" y="3" width="11" height="11" fill="${COLORS.warn}"/><text x="177" y="13" font-size="${SMALL}" fill="${COLORS.ink}">gần đạt</text>
<rect x="234" y="3" width="11" height="11" fill="${COLORS.bad}"/><text x="249" y="13" font-size="${SMALL}" fill="${COLORS.ink}">chưa đạt</text>
${rows}
</svg>`;
}

/** A round upper bound for a count axis and its step (1, 2 or 5 times a power of ten; whole numbers). */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (max <= 0) return { max: ticks, step: 1 };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power);
  return { max: Math.ceil(max / step) * step, step };
}

/** One month of the monthly chart. */
export interface MonthBar {
  /** The month's number, under its bars. */
  label: string;
  /** The year, under the month's number for the first month and each January. */
  year?: string;
  received: number;
  answered: number;
}

/** Grouped columns per month: received next to answered, with a labelled count axis and a legend. */
export function monthlyChart(input: { id: string; title: string; months: MonthBar[] }): SafeHtml {
  const left = 34;
  const top = 28;
  const plotW = W - left - 6;
  const plotH = 150;
  const height = top + plotH + 40;
  const n = Math.max(1, input.months.length);
  const group = plotW / n;
  const bw = Math.min(14, group * 0.36);
  const scale = niceScale(Math.max(1, ...input.months.map((m) => Math.max(m.received, m.answered))));
  const y = (v: number) => fixed(top + plotH - (v / scale.max) * plotH);
  const ticks: number[] = [];
  for (let v = 0; v <= scale.max; v += scale.step) ticks.push(v);
  const received = input.months.reduce((s, m) => s + m.received, 0);
  const answered = input.months.reduce((s, m) => s + m.answered, 0);
  const desc = `${input.months.length} tháng: tiếp nhận ${received}, đã trả lời ${answered}. Số liệu từng tháng ở bảng ngay sau biểu đồ.`;
  return html`<svg class="chart" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="${input.id}-t ${input.id}-d" xmlns="http://www.w3.org/2000/svg">
<title id="${input.id}-t">${input.title}</title>
<desc id="${input.id}-d">${desc}</desc>
<rect x="${left}" y="5" width="11" height="11" fill="${SERIES.received}"/><text x="${left + 15}" y="15" font-size="${SMALL}" fill="${COLORS.ink}">Tiếp nhận</text>
<rect x="${left + 96}" y="5" width="11" height="11" fill="${SERIES.answered}"/><text x="${left + 111}" y="15" font-size="${SMALL}" fill="${COLORS.ink}">Đã trả lời</text>
${ticks.map(
  (v) => html`<line x1="${left}" x2="${W - 6}" y1="${y(v)}" y2="${y(v)}" stroke="${COLORS.track}"/>
<text x="${left - 4}" y="${y(v) + 4}" font-size="${SMALL}" text-anchor="end" fill="${COLORS.ink}">${v}</text>`,
)}
${input.months.map((m, i) => {
  const cx = left + group * i + group / 2;
  return html`<g>
<rect x="${fixed(cx - bw - 1)}" y="${y(m.received)}" width="${fixed(bw)}" height="${fixed(top + plotH - y(m.received))}" fill="${SERIES.received}"/>
<rect x="${fixed(cx + 1)}" y="${y(m.answered)}" width="${fixed(bw)}" height="${fixed(top + plotH - y(m.answered))}" fill="${SERIES.answered}"/>
<text x="${fixed(cx)}" y="${top + plotH + 16}" font-size="${n > 18 ? 9 : SMALL}" text-anchor="middle" fill="${COLORS.ink}">${m.label}</text>
${m.year ? html`<text x="${fixed(cx)}" y="${top + plotH + 32}" font-size="${SMALL}" text-anchor="middle" fill="${COLORS.ink}">${m.year}</text>` : ""}
</g>`;
})}
<line x1="${left}" x2="${W - 6}" y1="${top + plotH}" y2="${top + plotH}" stroke="${COLORS.ink}"/>
</svg>`;
}
