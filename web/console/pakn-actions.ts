import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ActionDeps, ActionTarget } from "../../feedback/console/action-runner.js";
import {
  acceptTransfer,
  addNote,
  draftAnswer,
  resumeWork,
  returnToCitizen,
  startWork,
  transferPakn,
} from "../../feedback/console/agency-actions.js";
import type { PaknAction } from "../../feedback/console/allowed-actions.js";
import {
  assignAgency,
  markOutOfScope,
  mergeInto,
  rejectPakn,
} from "../../feedback/console/coordinator-actions.js";
import { approveAnswer, publishAnswer, sendBack } from "../../feedback/console/leader-actions.js";
import { inScope } from "../../feedback/console/pakn-scope.js";
import { markPhotoSafe } from "../../feedback/console/photo-safety.js";
import { userMessageOf } from "../../feedback/console/refusal.js";
import type { PaknRow } from "../../feedback/pakn-repo.js";
import { AppError } from "../../lib/errors.js";
import { statusOf } from "../error-handler.js";
import { type FormBody, formField } from "../form-body.js";
import { toDbId } from "../query-params.js";
import type { SiteDeps } from "../site.js";
import { actionOfPath } from "./action-paths.js";
import { requireOfficer } from "./auth-hooks.js";
import { setFlash } from "./flash.js";
import { sendPaknDetail, sendPaknNotFound } from "./pakn-page.js";

type Field = (name: string) => string;

/** Each action: the domain call with the form's fields, and the sentence the officer reads afterwards. */
const RUN: Record<PaknAction, (deps: ActionDeps, t: ActionTarget, f: Field) => Promise<PaknRow>> = {
  accept: (d, t) => acceptTransfer(d, t),
  start: (d, t) => startWork(d, t),
  resume: (d, t, f) => resumeWork(d, { ...t, note: f("note") }),
  note: (d, t, f) => addNote(d, { ...t, body: f("body") }),
  transfer: (d, t, f) => transferPakn(d, { ...t, agencyId: f("agency"), reason: f("reason") }),
  return: (d, t, f) => returnToCitizen(d, { ...t, question: f("question") }),
  answer: (d, t, f) => draftAnswer(d, { ...t, answer: f("answer"), cannedId: toDbId(f("canned")) }),
  approve: (d, t) => approveAnswer(d, t),
  send_back: (d, t, f) => sendBack(d, { ...t, note: f("note") }),
  publish: (d, t, f) => publishAnswer(d, { ...t, confirmed: f("confirm") === "1" }),
  assign: (d, t, f) => assignAgency(d, { ...t, agencyId: f("agency"), note: f("note") }),
  merge: (d, t, f) => mergeInto(d, { ...t, into: f("into"), reason: f("reason") }),
  reject: (d, t, f) => rejectPakn(d, { ...t, reason: f("reason") }),
  out_of_scope: (d, t, f) => markOutOfScope(d, { ...t, reason: f("reason") }),
  photo: (d, t, f) => markPhotoSafe(d, { ...t, index: Number(f("index")), safe: f("safe") === "1" }),
};

function doneMessage(action: PaknAction, row: PaknRow, deps: SiteDeps): string {
  const agency = row.agencyId ? (deps.agencies.get(row.agencyId)?.name ?? row.agencyId) : "điều phối viên";
  const messages: Record<PaknAction, string> = {
    accept: "Đã tiếp nhận phản ánh; bấm “Bắt đầu xử lý” khi bắt tay vào việc.",
    start: "Đã chuyển sang trạng thái đang xử lý.",
    resume: "Đã tiếp tục xử lý; thời hạn trả lời chạy lại.",
    note: "Đã lưu ghi chú nội bộ.",
    transfer: `Đã chuyển phản ánh ${row.code} đến ${agency}; người dân được thông báo.`,
    return: "Đã gửi đề nghị bổ sung thông tin đến người dân; thời hạn trả lời tạm dừng.",
    answer: "Đã lưu dự thảo trả lời và trình lãnh đạo duyệt.",
    approve: "Đã duyệt nội dung trả lời; có thể công bố.",
    send_back: "Đã trả lại dự thảo để sửa.",
    publish: "Đã công bố trả lời; người dân sẽ nhận được thông báo.",
    assign: `Đã phân công ${agency} xử lý phản ánh.`,
    merge: `Đã gộp vào phản ánh ${row.mergedInto ?? ""}.`,
    reject: "Đã từ chối tiếp nhận; người dân được thông báo lý do.",
    out_of_scope: "Đã đóng phản ánh: không thuộc phạm vi giải quyết; người dân được thông báo.",
    photo: "Đã cập nhật đánh dấu ảnh.",
  };
  return messages[action];
}

function typedValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as FormBody)) {
    if (k !== "_csrf" && typeof v === "string") out[k] = v.slice(0, 25_000);
  }
  return out;
}

async function perform(
  deps: SiteDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  code: string,
  action: PaknAction,
  extra: Record<string, string> = {},
): Promise<FastifyReply> {
  // biome-ignore lint/style/noNonNullAssertion: set by requireOfficer
  const officer = req.officer!;
  const field: Field = (name) => extra[name] ?? formField(req.body, name);
  let row: PaknRow;
  try {
    row = await RUN[action](deps, { officer, code, ip: req.ip }, field);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === "not_found") return sendPaknNotFound(req, reply);
    req.log.info({ action, code: err.code, detail: err.message }, "console action refused");
    return sendPaknDetail(deps, req, reply, code, {
      status: statusOf(err),
      error: userMessageOf(err),
      values: typedValues(req.body),
      failed: action,
    });
  }
  setFlash(reply, doneMessage(action, row, deps), deps.secureCookies);
  // A transfer can take the item out of the officer's sight: back to the inbox then.
  return reply.redirect(inScope(officer, row) ? `/officer/pakn/${row.code}` : "/officer", 303);
}

/**
 * `POST /officer/pakn/:code/<action>` for every console action and
 * `POST /officer/pakn/:code/anh/:n/danh-dau` for a photo's public mark: CSRF-checked by the
 * session hook, authorized again here, then 303 back with a message, or the page with the error.
 */
export function registerPaknActions(app: FastifyInstance, deps: SiteDeps): void {
  const signedIn = requireOfficer(deps);
  app.post<{ Params: { code: string; slug: string } }>(
    "/officer/pakn/:code/:slug",
    { preHandler: signedIn },
    (req, reply) => {
      const action = actionOfPath(req.params.slug);
      if (!action) return sendPaknNotFound(req, reply);
      return perform(deps, req, reply, req.params.code, action);
    },
  );
  app.post<{ Params: { code: string; n: string } }>(
    "/officer/pakn/:code/anh/:n/danh-dau",
    { preHandler: signedIn },
    (req, reply) => {
      if (!/^\d{1,3}$/.test(req.params.n)) return sendPaknNotFound(req, reply);
      return perform(deps, req, reply, req.params.code, "photo", { index: req.params.n });
    },
  );
}
