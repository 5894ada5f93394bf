import type { PaknAction } from "../../feedback/console/allowed-actions.js";
import type { CannedAnswer } from "../../feedback/console/canned-answers.js";
import type { PaknDetail } from "../../feedback/console/pakn-detail.js";
import type { AgencyDirectory } from "../../feedback/routing/agencies.js";
import { html, type SafeHtml } from "../html.js";
import { actionUrl } from "./action-paths.js";

/** What the officer typed into a form that failed, so it is not lost. */
export type FormValues = Record<string, string>;

interface FormContext {
  detail: PaknDetail;
  csrf: SafeHtml;
  agencies: AgencyDirectory;
  values: FormValues;
  /** The action whose form failed: only its fields are refilled from `values`. */
  failed?: PaknAction;
  /** The canned answer picked with the GET form, to prefill the draft. */
  canned?: CannedAnswer;
}

const typedValue = (ctx: FormContext, action: PaknAction, name: string) =>
  ctx.failed === action ? ctx.values[name] : undefined;

type Form = Exclude<PaknAction, "note" | "photo">;

const post = (ctx: FormContext, action: Form, title: string, body: SafeHtml, extra = "") =>
  html`<section class="action ${extra}" aria-labelledby="act-${action}"><h3 id="act-${action}">${title}</h3>
<form method="post" action="${actionUrl(ctx.detail.item.code, action)}">${ctx.csrf}${body}</form></section>`;

const textarea = (
  ctx: FormContext,
  action: Form,
  id: string,
  name: string,
  label: string,
  opts: { required?: boolean; hint?: string; rows?: number } = {},
) =>
  html`<label for="${id}">${label}${opts.hint ? html` <span class="muted">${opts.hint}</span>` : ""}</label>
<textarea id="${id}" name="${name}" rows="${opts.rows ?? 4}"${opts.required ? html` required` : ""}>${typedValue(ctx, action, name) ?? ""}</textarea>`;

function agencySelect(
  ctx: FormContext,
  action: Form,
  id: string,
  opts: { allowNone: boolean; required: boolean },
): SafeHtml {
  const current = ctx.detail.item.agencyId;
  const chosen = typedValue(ctx, action, "agency") ?? "";
  return html`<label for="${id}">Cơ quan nhận</label><select id="${id}" name="agency"${opts.required ? html` required` : ""}>
<option value="">${opts.allowNone ? "Trả về điều phối viên (chưa rõ cơ quan)" : "— Chọn cơ quan —"}</option>
${ctx.agencies.all
  .filter((a) => a.id !== current)
  .map((a) => html`<option value="${a.id}"${a.id === chosen ? html` selected` : ""}>${a.name}</option>`)}
</select>`;
}

function answerForm(ctx: FormContext): SafeHtml {
  const { item, cannedAnswers } = ctx.detail;
  const draft = typedValue(ctx, "answer", "answer") ?? ctx.canned?.body ?? item.answer ?? "";
  const picker = cannedAnswers.length
    ? html`<form method="get" action="/officer/pakn/${item.code}#tra-loi" class="canned-picker">
<label for="mau">Dùng mẫu trả lời</label>
<select id="mau" name="mau">${cannedAnswers.map(
        (c) =>
          html`<option value="${c.id}"${ctx.canned?.id === c.id ? html` selected` : ""}>${c.title}${c.agencyId ? "" : " (dùng chung)"}</option>`,
      )}</select>
<button type="submit" class="secondary">Chèn mẫu</button>
<span class="muted">(thay nội dung ô trả lời bên dưới bằng mẫu)</span>
</form>
${cannedAnswers.map((c) => html`<template id="mau-${c.id}">${c.body}</template>`)}`
    : "";
  return html`<section class="action" id="tra-loi" aria-labelledby="act-answer"><h3 id="act-answer">Soạn trả lời</h3>
${picker}
<form method="post" action="${actionUrl(item.code, "answer")}">${ctx.csrf}
${ctx.canned ? html`<input type="hidden" name="canned" value="${ctx.canned.id}">` : ""}
<label for="answer">Nội dung trả lời <span class="muted">(người dân nhận được và được công khai sau khi lãnh đạo duyệt; ít nhất 20 ký tự)</span></label>
<textarea id="answer" name="answer" rows="10" required minlength="20">${draft}</textarea>
<p><button type="submit">Lưu dự thảo, trình lãnh đạo duyệt</button></p></form></section>`;
}

const FORMS: Record<Form, (ctx: FormContext) => SafeHtml> = {
  accept: (ctx) =>
    post(
      ctx,
      "accept",
      "Tiếp nhận",
      html`<p>Phản ánh được chuyển đến đơn vị bạn. Tiếp nhận để xử lý.</p><button type="submit">Tiếp nhận phản ánh</button>`,
    ),
  start: (ctx) => post(ctx, "start", "Bắt đầu xử lý", html`<button type="submit">Bắt đầu xử lý</button>`),
  resume: (ctx) =>
    post(
      ctx,
      "resume",
      "Tiếp tục xử lý",
      html`${textarea(ctx, "resume", "resume-note", "note", "Người dân đã bổ sung gì", { hint: "(không bắt buộc; thời hạn chạy lại)" })}
<p><button type="submit">Tiếp tục xử lý</button></p>`,
    ),
  answer: answerForm,
  return: (ctx) =>
    post(
      ctx,
      "return",
      "Đề nghị người dân bổ sung thông tin",
      html`${textarea(ctx, "return", "question", "question", "Câu hỏi gửi người dân", { required: true, hint: "(gửi qua kênh người dân đã dùng; thời hạn tạm dừng đến khi họ trả lời)" })}
<p><button type="submit">Gửi đề nghị bổ sung</button></p>`,
    ),
  transfer: (ctx) =>
    post(
      ctx,
      "transfer",
      "Chuyển cơ quan khác",
      html`${agencySelect(ctx, "transfer", "transfer-agency", { allowNone: true, required: false })}
${textarea(ctx, "transfer", "transfer-reason", "reason", "Lý do chuyển", { required: true, hint: "(người dân được thông báo)" })}
<p><button type="submit">Chuyển phản ánh</button></p>`,
    ),
  approve: (ctx) =>
    post(ctx, "approve", "Duyệt trả lời", html`<button type="submit">Duyệt nội dung trả lời</button>`),
  send_back: (ctx) =>
    post(
      ctx,
      "send_back",
      "Trả lại dự thảo",
      html`${textarea(ctx, "send_back", "send-back-note", "note", "Nội dung cần sửa", { required: true })}
<p><button type="submit" class="secondary">Trả lại để sửa</button></p>`,
    ),
  publish: (ctx) =>
    post(
      ctx,
      "publish",
      "Công bố trả lời",
      html`<p>Kiểm tra bản công khai ở trên: không còn họ tên, số điện thoại, địa chỉ, số giấy tờ của người dân.</p>
<p class="check"><input id="confirm" name="confirm" type="checkbox" value="1" required><label for="confirm">Tôi đã kiểm tra bản công khai, không còn thông tin cá nhân</label></p>
<p><button type="submit">Công bố trả lời</button></p>`,
    ),
  assign: (ctx) =>
    post(
      ctx,
      "assign",
      "Phân công cơ quan xử lý",
      html`${agencySelect(ctx, "assign", "assign-agency", { allowNone: false, required: true })}
${textarea(ctx, "assign", "assign-note", "note", "Ghi chú cho cơ quan", { hint: "(không bắt buộc)", rows: 2 })}
<p><button type="submit">Phân công</button></p>`,
    ),
  merge: (ctx) =>
    post(
      ctx,
      "merge",
      "Gộp vào phản ánh trùng",
      html`<label for="into">Mã phản ánh gốc</label><input id="into" name="into" required pattern="[Pp][Aa][Kk][Nn]\\.\\d{8}\\.\\d{4,}" placeholder="PAKN.20260310.0001" value="${typedValue(ctx, "merge", "into") ?? ""}">
${textarea(ctx, "merge", "merge-reason", "reason", "Lý do", { hint: "(không bắt buộc; mặc định: trùng nội dung)", rows: 2 })}
<p><button type="submit" class="secondary">Gộp</button></p>`,
      "closing",
    ),
  reject: (ctx) =>
    post(
      ctx,
      "reject",
      "Từ chối tiếp nhận",
      html`${textarea(ctx, "reject", "reject-reason", "reason", "Lý do từ chối", { required: true, hint: "(người dân được thông báo)", rows: 3 })}
<p><button type="submit" class="secondary">Từ chối</button></p>`,
      "closing",
    ),
  out_of_scope: (ctx) =>
    post(
      ctx,
      "out_of_scope",
      "Không thuộc phạm vi giải quyết",
      html`${textarea(ctx, "out_of_scope", "oos-reason", "reason", "Lý do và hướng dẫn cho người dân", { required: true, rows: 3 })}
<p><button type="submit" class="secondary">Đóng phản ánh</button></p>`,
      "closing",
    ),
};

/** The order forms appear in: the usual next step first, closing moves last. */
const DISPLAY_ORDER: readonly Form[] = [
  "accept",
  "start",
  "resume",
  "answer",
  "approve",
  "publish",
  "send_back",
  "return",
  "transfer",
  "assign",
  "merge",
  "reject",
  "out_of_scope",
];

/** The forms of the actions this officer may take on the item now, and only those. */
export function actionForms(ctx: FormContext): SafeHtml {
  const forms = DISPLAY_ORDER.filter((a) => ctx.detail.actions.includes(a));
  if (forms.length === 0)
    return html`<p class="muted">Không có thao tác nào bạn có thể thực hiện ở trạng thái này.</p>`;
  return html`${forms.map((a) => FORMS[a](ctx))}`;
}
