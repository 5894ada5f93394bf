import type { PublishedPakn } from "../../feedback/public/published-item.js";
import { kindLabel } from "../../feedback/status-labels.js";
import { formatVnDate } from "../../feedback/vn-date.js";
import { html, type SafeHtml } from "../html.js";
import { onTimeBadge, paragraphs } from "./public-shared.js";

function rating(value: number | null): SafeHtml {
  if (value === null) return html`<dd>Chưa có đánh giá</dd>`;
  const stars = "★".repeat(value) + "☆".repeat(Math.max(0, 5 - value));
  return html`<dd><span class="stars" aria-hidden="true">${stars}</span> ${value}/5 <span class="visually-hidden">(${value} trên 5 sao)</span></dd>`;
}

function photos(p: PublishedPakn): SafeHtml | "" {
  if (p.photos.length === 0) return "";
  return html`<section aria-labelledby="photos-h"><h2 id="photos-h">Ảnh kèm theo</h2>
<ul class="photos">${p.photos.map(
    (ph, i) =>
      html`<li><a href="/phan-anh/${p.code}/anh/${ph.n}"><img src="/phan-anh/${p.code}/anh/${ph.n}" alt="Ảnh ${i + 1} người dân gửi kèm phản ánh ${p.code}" loading="lazy" width="320" height="240"></a></li>`,
  )}</ul></section>`;
}

/** The body of `GET /phan-anh/:code`: the redacted question, the answer, who answered and when. */
export function detailBody(p: PublishedPakn, agency: string): SafeHtml {
  return html`<p class="back"><a href="/phan-anh">‹ Danh sách phản ánh đã trả lời</a></p>
<h1>${kindLabel(p.kind)} ${p.code}</h1>
<p>${onTimeBadge(p.onTime)}</p>
<dl class="facts">
<dt>Cơ quan trả lời</dt><dd>${agency}</dd>
${p.field ? html`<dt>Lĩnh vực</dt><dd>${p.field}</dd>` : ""}
<dt>Ngày gửi</dt><dd>${formatVnDate(p.receivedAt)}</dd>
<dt>Hạn trả lời</dt><dd>${formatVnDate(p.answerDueAt)}</dd>
<dt>Ngày trả lời</dt><dd>${p.answeredAt ? formatVnDate(p.answeredAt) : "—"}</dd>
<dt>Ngày công khai</dt><dd>${formatVnDate(p.publishedAt)}</dd>
<dt>Đánh giá của người gửi</dt>${rating(p.rating)}
</dl>
<section aria-labelledby="question-h" class="question"><h2 id="question-h">Nội dung ${kindLabel(p.kind).toLowerCase()}</h2>
${paragraphs(p.question)}</section>
${photos(p)}
<section aria-labelledby="answer-h" class="answer"><h2 id="answer-h">Trả lời của ${agency}</h2>
${paragraphs(p.answer)}</section>
<p class="muted small">Họ tên, số điện thoại, địa chỉ và các thông tin cá nhân khác của người gửi đã được ẩn trước khi công khai.</p>`;
}

/** The body of the public 404: the same words whether the code is unknown or not yet published. */
export function notFoundBody(): SafeHtml {
  return html`<h1>Không tìm thấy phản ánh</h1>
<p>Không có phản ánh nào đã được trả lời và công khai với mã này. Hãy kiểm tra lại mã (dạng PAKN.20261122.0012).</p>
<p>Nếu bạn là người gửi, hãy nhắn mã phản ánh cho kênh chat để xem tình trạng xử lý.</p>
<p><a href="/phan-anh">Xem các phản ánh đã được trả lời</a></p>`;
}
