import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  type CannedAnswer,
  canEditCanned,
  canManageCanned,
  createCannedAnswer,
  deleteCannedAnswer,
  listCannedAnswers,
  updateCannedAnswer,
} from "../../feedback/console/canned-answers.js";
import { userMessageOf } from "../../feedback/console/refusal.js";
import { isProvinceWide, type SignedInOfficer } from "../../feedback/officers/roles.js";
import { AppError } from "../../lib/errors.js";
import { statusOf } from "../error-handler.js";
import { formField } from "../form-body.js";
import { html, type SafeHtml } from "../html.js";
import { sendPage } from "../layout.js";
import { toDbId } from "../query-params.js";
import type { SiteDeps } from "../site.js";
import { requireOfficer } from "./auth-hooks.js";
import { consolePage, csrfField } from "./console-layout.js";
import { messageBox, setFlash, takeFlash } from "./flash.js";

const PATH = "/officer/mau-tra-loi";

function agencyChoice(deps: SiteDeps, id: string, selected: string | null): SafeHtml {
  return html`<label for="${id}">Dùng cho</label><select id="${id}" name="agency">
<option value="">Mọi cơ quan (dùng chung)</option>
${deps.agencies.all.map((a) => html`<option value="${a.id}"${a.id === selected ? html` selected` : ""}>${a.name}</option>`)}
</select>`;
}

function editor(
  deps: SiteDeps,
  req: FastifyRequest,
  officer: SignedInOfficer,
  row: Partial<CannedAnswer> & { id?: number },
): SafeHtml {
  const key = row.id ? `m${row.id}` : "new";
  const action = row.id ? `${PATH}/${row.id}` : PATH;
  return html`<form method="post" action="${action}" class="stack">${csrfField(req)}
<label for="${key}-title">Tên mẫu</label><input id="${key}-title" name="title" required maxlength="200" value="${row.title ?? ""}">
${isProvinceWide(officer.role) ? agencyChoice(deps, `${key}-agency`, row.agencyId ?? null) : ""}
<label for="${key}-body">Nội dung</label><textarea id="${key}-body" name="body" rows="6" required>${row.body ?? ""}</textarea>
<p><button type="submit">${row.id ? "Lưu thay đổi" : "Thêm mẫu"}</button></p></form>`;
}

async function sendList(
  deps: SiteDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  state: { status?: number; error?: string; typed?: Partial<CannedAnswer> } = {},
): Promise<FastifyReply> {
  // biome-ignore lint/style/noNonNullAssertion: set by requireOfficer
  const officer = req.officer!;
  const rows = await listCannedAnswers(deps, officer);
  const manage = canManageCanned(officer);
  const agencyName = (id: string | null) => (id ? (deps.agencies.get(id)?.name ?? id) : "Dùng chung");
  const body = html`<p><a href="/officer">← Hộp thư</a></p><h1>Mẫu trả lời</h1>
${messageBox({ flash: state.error ? undefined : takeFlash(req, reply, deps.secureCookies), error: state.error })}
<p class="muted">Cán bộ chọn mẫu khi soạn trả lời một phản ánh, rồi sửa cho đúng trường hợp.${manage ? "" : " Lãnh đạo đơn vị và điều phối viên quản lý các mẫu."}</p>
${rows.length === 0 ? html`<p>Chưa có mẫu trả lời nào.</p>` : ""}
${rows.map(
  (
    r,
  ) => html`<section class="canned" aria-labelledby="mau-${r.id}"><h2 id="mau-${r.id}">${r.title} <span class="muted">· ${agencyName(r.agencyId)}</span></h2>
${
  canEditCanned(officer, r)
    ? html`<details><summary>Sửa hoặc xoá</summary>${editor(deps, req, officer, r)}
<form method="post" action="${PATH}/${r.id}/xoa">${csrfField(req)}<button type="submit" class="secondary">Xoá mẫu này</button></form></details>`
    : ""
}<p class="note">${r.body}</p></section>`,
)}
${manage ? html`<h2>Thêm mẫu mới</h2>${editor(deps, req, officer, state.typed ?? {})}` : ""}`;
  return sendPage(
    reply,
    consolePage(officer, { title: "Mẫu trả lời", current: PATH, body, styles: ["console-work.css"] }),
    state.status ?? 200,
  );
}

/** `GET/POST /officer/mau-tra-loi`, `POST /officer/mau-tra-loi/:id` and `/:id/xoa`: canned answers. */
export function registerCannedAnswersPage(app: FastifyInstance, deps: SiteDeps): void {
  const signedIn = requireOfficer(deps);
  const done = async (
    req: FastifyRequest,
    reply: FastifyReply,
    work: () => Promise<unknown>,
    message: string,
  ) => {
    try {
      await work();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const typed = { title: formField(req.body, "title"), body: formField(req.body, "body") };
      return sendList(deps, req, reply, { status: statusOf(err), error: userMessageOf(err), typed });
    }
    setFlash(reply, message, deps.secureCookies);
    return reply.redirect(PATH, 303);
  };
  const input = (req: FastifyRequest) => ({
    title: formField(req.body, "title"),
    body: formField(req.body, "body"),
    agencyId: formField(req.body, "agency"),
    ip: req.ip,
  });
  // biome-ignore-start lint/style/noNonNullAssertion: every route below is behind requireOfficer
  app.get(PATH, { preHandler: signedIn }, (req, reply) => sendList(deps, req, reply));
  app.post(PATH, { preHandler: signedIn }, (req, reply) =>
    done(req, reply, () => createCannedAnswer(deps, req.officer!, input(req)), "Đã thêm mẫu trả lời."),
  );
  app.post<{ Params: { id: string } }>(`${PATH}/:id`, { preHandler: signedIn }, (req, reply) =>
    done(
      req,
      reply,
      () => updateCannedAnswer(deps, req.officer!, toDbId(req.params.id) ?? 0, input(req)),
      "Đã lưu mẫu trả lời.",
    ),
  );
  app.post<{ Params: { id: string } }>(`${PATH}/:id/xoa`, { preHandler: signedIn }, (req, reply) =>
    done(
      req,
      reply,
      () => deleteCannedAnswer(deps, req.officer!, toDbId(req.params.id) ?? 0, { ip: req.ip }),
      "Đã xoá mẫu trả lời.",
    ),
  );
  // biome-ignore-end lint/style/noNonNullAssertion: every route above is behind requireOfficer
}
