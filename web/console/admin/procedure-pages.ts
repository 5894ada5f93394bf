import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  findProcedures,
  loadProcedure,
  saveProcedureJson,
} from "../../../feedback/learning/procedure-edit.js";
import { formField } from "../../form-body.js";
import { html } from "../../html.js";
import { sendPage } from "../../layout.js";
import { readQuery, textParam } from "../../query-params.js";
import type { SiteDeps } from "../../site.js";
import { officerOf, requireOfficer } from "../auth-hooks.js";
import { consolePage, csrfField, sendNotFound } from "../console-layout.js";

const BASE = "/officer/quan-tri/thu-tuc";

/** The search form: a code or words of a name. */
const SEARCH_QUERY = z.object({ q: textParam() });
const RESTART_NOTE = html`<p class="muted">Trợ lý hỏi đáp dùng nội dung mới sau khi các tiến trình khởi động lại.</p>`;

function editor(
  req: FastifyRequest,
  code: string,
  name: string,
  json: string,
  extra: { problems?: string[]; notice?: string } = {},
): string {
  return consolePage(officerOf(req), {
    title: `Sửa thủ tục ${code}`,
    current: "/officer/quan-tri",
    body: html`<p><a href="/officer/quan-tri">Quản trị</a> › <a href="${BASE}">Thủ tục hành chính</a> › ${code}</p>
<h1>${name} <span class="muted">(${code})</span></h1>
${extra.notice ? html`<p class="notice" role="status">${extra.notice}</p>${RESTART_NOTE}` : ""}
${
  extra.problems?.length
    ? html`<div class="error" role="alert"><p>Nội dung có lỗi nên <strong>chưa được lưu</strong>:</p><ul>${extra.problems
        .slice(0, 50)
        .map((p) => html`<li>${p}</li>`)}</ul></div>`
    : ""
}
<p>Nội dung thủ tục theo định dạng JSON của motcua (như tệp <code>kb:export</code>): sửa tên, thành phần hồ sơ, lệ phí, thời hạn… rồi bấm lưu. Mã thủ tục không đổi được.</p>
<form method="post" action="${BASE}/${code}">${csrfField(req)}
<label for="json">Nội dung (JSON)</label>
<textarea id="json" name="json" class="data-file" spellcheck="false" wrap="off">
${json}</textarea>
<p><button type="submit">Kiểm tra và lưu</button></p></form>`,
  });
}

/** Admins find a procedure of the knowledge base and edit it, checked against the procedure model. */
export function registerProcedurePages(app: FastifyInstance, deps: SiteDeps): void {
  const adminOnly = { preHandler: requireOfficer(deps, ["admin"]) };

  app.get(BASE, adminOnly, async (req, reply) => {
    const { q } = readQuery(req.query, SEARCH_QUERY);
    const found = q ? await findProcedures(deps, q) : [];
    const page = consolePage(officerOf(req), {
      title: "Thủ tục hành chính",
      current: "/officer/quan-tri",
      body: html`<p><a href="/officer/quan-tri">Quản trị</a> › Thủ tục hành chính</p>
<h1>Sửa thủ tục hành chính</h1>
<form method="get" action="${BASE}" role="search"><label for="q">Mã hoặc tên thủ tục</label>
<input id="q" name="q" value="${q}" placeholder="vd: 1.001193 hoặc khai sinh"> <button type="submit">Tìm</button></form>
${
  q
    ? found.length
      ? html`<ul>${found.map((p) => html`<li><a href="${BASE}/${p.code}">${p.name}</a> <span class="muted">${p.code}</span></li>`)}</ul>`
      : html`<p>Không tìm thấy thủ tục nào.</p>`
    : ""
}`,
    });
    return sendPage(reply, page);
  });

  app.get<{ Params: { code: string } }>(`${BASE}/:code`, adminOnly, async (req, reply) => {
    const procedure = await loadProcedure(deps, req.params.code);
    if (!procedure) return sendNotFound(req, reply);
    return sendPage(reply, editor(req, procedure.code, procedure.name, JSON.stringify(procedure, null, 2)));
  });

  app.post<{ Params: { code: string } }>(`${BASE}/:code`, adminOnly, async (req, reply) => {
    const current = await loadProcedure(deps, req.params.code);
    if (!current) return sendNotFound(req, reply);
    const json = formField(req.body, "json");
    const result = await saveProcedureJson(deps, {
      code: current.code,
      json,
      officerId: officerOf(req).id,
      ip: req.ip,
    });
    if (!result.saved)
      return sendPage(
        reply,
        editor(req, current.code, current.name, json, { problems: result.problems }),
        422,
      );
    const saved = (await loadProcedure(deps, current.code)) ?? current;
    const notice = result.changed ? "Đã lưu." : "Không có gì thay đổi.";
    return sendPage(reply, editor(req, saved.code, saved.name, JSON.stringify(saved, null, 2), { notice }));
  });
}
