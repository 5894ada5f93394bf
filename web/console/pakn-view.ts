import type { PaknAction } from "../../feedback/console/allowed-actions.js";
import type { CannedAnswer } from "../../feedback/console/canned-answers.js";
import { channelLabel, officerStatusLabel } from "../../feedback/console/officer-labels.js";
import type { PaknDetail } from "../../feedback/console/pakn-detail.js";
import { vnDateTime } from "../../feedback/console/vn-date-time.js";
import type { AgencyDirectory } from "../../feedback/routing/agencies.js";
import { kindLabel } from "../../feedback/status-labels.js";
import { formatVnDate } from "../../feedback/vn-date.js";
import { html, type SafeHtml } from "../html.js";
import { actionUrl, photoMarkUrl, photoUrl } from "./action-paths.js";
import { messageBox } from "./flash.js";
import { markBadge } from "./inbox-view.js";
import { actionForms, type FormValues } from "./pakn-action-forms.js";

function deadlineText(detail: PaknDetail): SafeHtml {
  const { item, mark, daysLeft } = detail;
  let left: SafeHtml | string = "";
  if (mark === "paused") left = "thời hạn tạm dừng trong lúc chờ người dân bổ sung";
  else if (daysLeft !== null && mark === "overdue")
    left = `đã quá hạn ${Math.max(1, -daysLeft)} ngày làm việc`;
  else if (daysLeft !== null && daysLeft === 0) left = "hạn cuối là hôm nay";
  else if (daysLeft !== null) left = `còn ${daysLeft} ngày làm việc`;
  return html`${formatVnDate(item.answerDueAt)}${markBadge(mark)}${left ? html` <span class="muted">(${left})</span>` : ""}`;
}

function facts(detail: PaknDetail): SafeHtml {
  const { item } = detail;
  return html`<dl class="facts">
<dt>Loại</dt><dd>${kindLabel(item.kind)}</dd>
<dt>Trạng thái</dt><dd>${officerStatusLabel(item.status)}</dd>
<dt>Lĩnh vực</dt><dd>${item.field ?? "Chưa phân loại"}</dd>
<dt>Cơ quan xử lý</dt><dd>${detail.agencyName ?? html`<em>Chưa có (chờ điều phối)</em>`}</dd>
<dt>Tiếp nhận</dt><dd>${vnDateTime(item.receivedAt)}</dd>
<dt>Hạn chuyển cơ quan có thẩm quyền</dt><dd>${formatVnDate(item.forwardDueAt)}</dd>
<dt>Hạn trả lời</dt><dd>${deadlineText(detail)}</dd>
${item.answeredAt ? html`<dt>Ngày trả lời</dt><dd>${vnDateTime(item.answeredAt)}</dd>` : ""}
${item.publishedAt ? html`<dt>Ngày công bố</dt><dd>${vnDateTime(item.publishedAt)}</dd>` : ""}
${item.mergedInto ? html`<dt>Gộp vào</dt><dd><a href="/officer/pakn/${item.mergedInto}">${item.mergedInto}</a></dd>` : ""}
${item.procedureCode ? html`<dt>Thủ tục liên quan</dt><dd>${item.procedureCode}</dd>` : ""}
${item.place ? html`<dt>Địa điểm</dt><dd>${item.place}</dd>` : ""}
</dl>`;
}

function attachments(detail: PaknDetail, csrf: SafeHtml): SafeHtml {
  const { item, actions } = detail;
  if (item.attachments.length === 0) return html``;
  const canMark = actions.includes("photo");
  return html`<h2>Tệp đính kèm</h2><ul class="attachments">${item.attachments.map((a, i) => {
    if (a.kind === "location") return html`<li>Vị trí: ${a.latitude}, ${a.longitude}</li>`;
    if (a.rejected || !a.path)
      return html`<li>Ảnh ${i + 1}: không nhận được (${a.rejected ?? "chưa tải về"})</li>`;
    return html`<li class="photo"><a href="${photoUrl(item.code, i)}"><img src="${photoUrl(item.code, i)}" alt="Ảnh ${i + 1} người dân gửi" loading="lazy"></a>
<p>${a.safe ? html`<span class="badge on-time">Đã kiểm tra: được công khai</span>` : html`<span class="badge">Chưa được công khai</span>`}</p>
${
  canMark
    ? html`<form method="post" action="${photoMarkUrl(item.code, i)}">${csrf}<input type="hidden" name="safe" value="${a.safe ? "0" : "1"}">
<button type="submit" class="secondary">${a.safe ? "Không công khai ảnh này" : "Ảnh không có thông tin cá nhân: cho phép công khai"}</button></form>`
    : ""
}</li>`;
  })}</ul>`;
}

function history(detail: PaknDetail): SafeHtml {
  return html`<h2>Lịch sử xử lý</h2><ol class="history">${detail.history.map(
    ({
      event,
      actor,
    }) => html`<li><time datetime="${event.createdAt.toISOString()}">${vnDateTime(event.createdAt)}</time>
— <strong>${officerStatusLabel(event.toStatus)}</strong>${event.fromStatus ? html` <span class="muted">(từ “${officerStatusLabel(event.fromStatus)}”)</span>` : ""}
· ${actor}${event.note ? html`<br><span class="note">${event.note}</span>` : ""}</li>`,
  )}</ol>`;
}

function notes(detail: PaknDetail, csrf: SafeHtml, values: FormValues, failed?: PaknAction): SafeHtml {
  return html`<h2 id="ghi-chu">Ghi chú nội bộ <span class="muted">(người dân không thấy)</span></h2>
${detail.notes.length ? html`<ul class="notes">${detail.notes.map((n) => html`<li><strong>${n.author}</strong>, ${vnDateTime(n.createdAt)}<br><span class="note">${n.body}</span></li>`)}</ul>` : html`<p class="muted">Chưa có ghi chú.</p>`}
<form method="post" action="${actionUrl(detail.item.code, "note")}">${csrf}
<label for="note-body">Thêm ghi chú</label><textarea id="note-body" name="body" rows="3" required>${failed === "note" ? (values.body ?? "") : ""}</textarea>
<p><button type="submit" class="secondary">Lưu ghi chú</button></p></form>`;
}

function preview(detail: PaknDetail): SafeHtml {
  if (!detail.preview) return html``;
  return html`<section class="public-preview" aria-labelledby="xem-truoc"><h2 id="xem-truoc">Bản công khai (xem trước)</h2>
<p class="muted">Đây là nội dung người xem trên trang công khai sẽ thấy; thông tin cá nhân đã được ẩn.</p>
<h3>Câu hỏi</h3><p class="note">${detail.preview.question}</p>
<h3>Trả lời</h3><p class="note">${detail.preview.answer}</p></section>`;
}

/** The detail page of one PAKN: facts and deadlines, content, sender, photos, answer, the allowed actions, notes and history. */
export function paknView(input: {
  detail: PaknDetail;
  csrf: SafeHtml;
  agencies: AgencyDirectory;
  flash?: string;
  error?: string;
  values?: FormValues;
  /** The action whose form failed (its fields are refilled from `values`). */
  failed?: PaknAction;
  canned?: CannedAnswer;
  /** How the citizen was told of each step: the warning for the top, the section (citizen-delivery-view.ts). */
  citizenDelivery?: { warning: SafeHtml; section: SafeHtml };
}): SafeHtml {
  const { detail, csrf } = input;
  const { item } = detail;
  const values = input.values ?? {};
  return html`<p><a href="/officer">← Hộp thư</a></p>
<h1>${item.code} <span class="status-chip">${officerStatusLabel(item.status)}</span></h1>
${messageBox({ flash: input.flash, error: input.error })}
${input.citizenDelivery?.warning ?? ""}
${facts(detail)}
<h2>Nội dung phản ánh</h2><p class="note content">${item.content}</p>
<h2>Người gửi <span class="muted">(thông tin cá nhân, chỉ dùng để xử lý)</span></h2>
<dl class="facts"><dt>Họ tên</dt><dd>${item.contactName}</dd><dt>Điện thoại</dt><dd><a href="tel:${item.contactPhone}">${item.contactPhone}</a></dd>
<dt>Địa chỉ</dt><dd>${item.contactAddress}</dd><dt>Kênh gửi</dt><dd>${channelLabel(item.channel)}</dd></dl>
${attachments(detail, csrf)}
${item.answer ? html`<h2>Dự thảo trả lời</h2><p class="note">${item.answer}</p>` : ""}
${preview(detail)}
<h2>Thao tác</h2>
<div class="action-list">${actionForms({ detail, csrf, agencies: input.agencies, values, failed: input.failed, canned: input.canned })}</div>
${notes(detail, csrf, values, input.failed)}
${input.citizenDelivery?.section ?? ""}
${history(detail)}`;
}
