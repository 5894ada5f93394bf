import { eq } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { procedures } from "../../../db/schema.js";
import { vnDateTime } from "../../../feedback/console/vn-date-time.js";
import {
  clearReviewing,
  listReviewing,
  MAX_REVIEW_NOTE,
  markReviewing,
  type ReviewingProcedure,
} from "../../../feedback/learning/procedure-review.js";
import { KNOWLEDGE_EDITOR_ROLES } from "../../../feedback/officers/roles.js";
import type { Procedure } from "../../../knowledge/procedure.js";
import {
  lastImportChanges,
  type ProcedureRecordInfo,
  procedureRecordInfo,
  type RecordedProcedureChange,
  recentProcedureChanges,
} from "../../../knowledge/procedure-repo.js";
import { AppError } from "../../../lib/errors.js";
import { formField } from "../../form-body.js";
import { html, type SafeHtml } from "../../html.js";
import { sendPage } from "../../layout.js";
import { readQuery, textParam } from "../../query-params.js";
import type { SiteDeps } from "../../site.js";
import { officerOf, requireOfficer } from "../auth-hooks.js";
import { consolePage, csrfField } from "../console-layout.js";
import { messageBox, setFlash, takeFlash } from "../flash.js";
import { refreshQuietly } from "./refresh-lessons.js";

/** The editors' page of procedures: announcing decision, last update, re-import changes, review marks. */
export const PROCEDURES_PATH = "/officer/tri-thuc/thu-tuc";
/** Where the review form posts (mark or clear "đang rà soát"). */
export const REVIEW_PATH = `${PROCEDURES_PATH}/ra-soat`;

const PAGE_QUERY = z.object({ q: textParam(200) });
/** The most procedures a search shows. */
const MAX_FOUND = 8;
/** The most changed procedures of the last import the page lists. */
const MAX_IMPORT_CHANGES = 200;

/** Vietnamese names of the canonical procedure fields, as a change list shows them. */
const FIELD_NAMES: Record<string, string> = {
  code: "mã thủ tục",
  name: "tên thủ tục",
  levels: "cấp thực hiện",
  field: "lĩnh vực",
  agencies: "cơ quan thực hiện",
  authority: "cơ quan có thẩm quyền",
  address: "địa chỉ tiếp nhận",
  audience: "đối tượng thực hiện",
  steps: "trình tự thực hiện",
  channels: "cách thức thực hiện (thời hạn, phí, lệ phí)",
  documents: "thành phần hồ sơ",
  documentNotes: "ghi chú về hồ sơ",
  conditions: "yêu cầu, điều kiện",
  results: "kết quả",
  legalBasis: "căn cứ pháp lý",
  portalUrl: "đường dẫn trên Cổng Dịch vụ công",
  decision: "quyết định công bố",
  aliases: "tên gọi thường dùng",
  popularity: "mức độ sử dụng",
};

const fieldList = (fields: readonly string[]) =>
  fields.length ? fields.map((f) => FIELD_NAMES[f] ?? f).join(", ") : "không rõ trường nào";

function changeText(c: RecordedProcedureChange): SafeHtml {
  const how =
    c.importRunId === null
      ? "sửa trực tiếp"
      : html`nhập lại từ tệp <code>${c.source ?? "?"}</code> (lần nhập số ${c.importRunId})`;
  const what = c.change === "added" ? "thêm mới" : html`thay đổi: ${fieldList(c.fields)}`;
  return html`${vnDateTime(c.createdAt)} · ${how} · ${what}`;
}

function reviewForm(
  req: FastifyRequest,
  code: string,
  review: ReviewingProcedure | undefined,
  q: string,
): SafeHtml {
  const hidden = html`${csrfField(req)}<input type="hidden" name="code" value="${code}"><input type="hidden" name="q" value="${q}">`;
  if (review)
    return html`<form method="post" action="${REVIEW_PATH}">${hidden}<input type="hidden" name="action" value="clear">
<button type="submit" class="secondary">Bỏ đánh dấu “đang rà soát”</button></form>`;
  const id = `ghi-chu-${code.replace(/[^A-Za-z0-9]/g, "-")}`;
  return html`<form method="post" action="${REVIEW_PATH}">${hidden}<input type="hidden" name="action" value="mark">
<label for="${id}">Ghi chú (không bắt buộc, vd: chờ quyết định công bố mới)</label>
<textarea id="${id}" name="note" rows="2" maxlength="${MAX_REVIEW_NOTE}"></textarea>
<p><button type="submit">Đánh dấu “đang rà soát”</button></p></form>`;
}

function reviewStatus(review: ReviewingProcedure | undefined): SafeHtml {
  if (!review) return html`<p>Trạng thái: trợ lý đang trả lời chi tiết thủ tục này.</p>`;
  return html`<p><strong>Đang rà soát</strong> từ ${vnDateTime(review.markedAt)}${review.markedByName ? html` (${review.markedByName})` : ""}: trợ lý chỉ báo thông tin đang được cập nhật và hướng dẫn người hỏi liên hệ cơ quan thực hiện.</p>
${review.note ? html`<p class="note">Ghi chú: ${review.note}</p>` : ""}`;
}

function procedureView(
  req: FastifyRequest,
  p: { code: string; name: string; decision: string },
  info: ProcedureRecordInfo | undefined,
  changes: RecordedProcedureChange[],
  review: ReviewingProcedure | undefined,
  q: string,
): SafeHtml {
  const decision = info?.decision || p.decision;
  return html`<section class="lesson" aria-labelledby="thu-tuc-${p.code}">
<h2 id="thu-tuc-${p.code}">${p.name} <span class="muted">${p.code}</span></h2>
<p>Quyết định công bố: ${decision ? html`<strong>${decision}</strong>` : html`<span class="muted">chưa rõ</span>`}</p>
${
  info
    ? html`<p>Nhập hoặc sửa lần cuối: <strong>${vnDateTime(info.updatedAt)}</strong> <span class="muted">(nhập lần đầu ${vnDateTime(info.createdAt)})</span></p>`
    : html`<p class="muted">Chưa có trong cơ sở dữ liệu thủ tục (chỉ có trong bộ dữ liệu đang chạy).</p>`
}
${
  changes.length
    ? html`<p>Thay đổi gần đây:</p><ul>${changes.map((c) => html`<li>${changeText(c)}</li>`)}</ul>`
    : html`<p class="muted">Chưa ghi nhận thay đổi nào khi nhập lại hoặc sửa.</p>`
}
${reviewStatus(review)}
${reviewForm(req, p.code, review, q)}
</section>`;
}

/** The procedures a search finds: the one with that exact code first, then the best name matches. */
async function findProcedures(
  deps: SiteDeps,
  q: string,
): Promise<Array<Pick<Procedure, "code" | "name" | "decision">>> {
  if (!q) return [];
  const found: Array<Pick<Procedure, "code" | "name" | "decision">> = [];
  const exact = deps.kb.get(q);
  if (exact) found.push(exact);
  else if (q.length <= 40) {
    // A procedure imported after this process loaded its knowledge base.
    const [row] = await deps.db
      .select({ code: procedures.code, name: procedures.name })
      .from(procedures)
      .where(eq(procedures.code, q));
    if (row) found.push({ ...row, decision: "" });
  }
  for (const hit of deps.kb.search(q, MAX_FOUND)) {
    if (found.length >= MAX_FOUND) break;
    if (!found.some((f) => f.code === hit.procedure.code)) found.push(hit.procedure);
  }
  return found.map((p) => ({ code: p.code, name: p.name, decision: p.decision ?? "" }));
}

async function sendProceduresPage(
  deps: SiteDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  q: string,
  state: { status?: number; error?: string } = {},
): Promise<FastifyReply> {
  const [found, reviewing, lastImport] = await Promise.all([
    findProcedures(deps, q),
    listReviewing(deps.db),
    lastImportChanges(deps.db, MAX_IMPORT_CHANGES),
  ]);
  const codes = found.map((p) => p.code);
  const [infos, changes] = await Promise.all([
    procedureRecordInfo(deps.db, codes),
    recentProcedureChanges(deps.db, codes),
  ]);
  const reviewOf = new Map(reviewing.map((r) => [r.code, r]));
  const nameOf = (code: string) => deps.kb.get(code)?.name ?? "(thủ tục không có trong bộ dữ liệu đang chạy)";
  const link = (code: string) =>
    html`<a href="${PROCEDURES_PATH}?q=${encodeURIComponent(code)}">${nameOf(code)}</a> <span class="muted">${code}</span>`;
  const body = html`<p><a href="/officer/tri-thuc">← Câu hỏi chưa trả lời được</a></p>
<h1>Thủ tục: cập nhật và rà soát</h1>
${messageBox({ flash: state.error ? undefined : takeFlash(req, reply, deps.secureCookies), error: state.error })}
<p class="muted">Mỗi thủ tục có quyết định công bố, lần nhập hoặc sửa gần nhất và những gì thay đổi khi nhập lại. Khi một thủ tục được đánh dấu “đang rà soát”, trợ lý không trả lời chi tiết mà báo thông tin đang được cập nhật và hướng dẫn người hỏi liên hệ cơ quan thực hiện.</p>
<form method="get" action="${PROCEDURES_PATH}" role="search" class="actions">
<div><label for="q">Mã thủ tục hoặc vài chữ trong tên</label><input id="q" name="q" value="${q}" placeholder="vd: 1.001193 hoặc đăng ký khai sinh"></div>
<button type="submit" class="secondary">Tìm</button></form>
${
  q
    ? found.length
      ? found.map((p) =>
          procedureView(req, p, infos.get(p.code), changes.get(p.code) ?? [], reviewOf.get(p.code), q),
        )
      : html`<p>Không tìm thấy thủ tục nào.</p>`
    : ""
}
<h2>Thủ tục đang rà soát <span class="muted">(${reviewing.length})</span></h2>
${
  reviewing.length
    ? html`<ul>${reviewing.map(
        (r) =>
          html`<li>${link(r.code)} · từ ${vnDateTime(r.markedAt)}${r.markedByName ? html` · ${r.markedByName}` : ""}${r.note ? html` · <span class="note">${r.note}</span>` : ""}</li>`,
      )}</ul>`
    : html`<p>Không có thủ tục nào đang rà soát.</p>`
}
<h2>Lần nhập gần nhất</h2>
${
  lastImport
    ? html`<p>Tệp <code>${lastImport.run.source}</code> lúc ${vnDateTime(lastImport.run.createdAt)}: ${lastImport.run.inserted} thủ tục mới, ${lastImport.run.updated} thủ tục thay đổi, ${lastImport.run.unchanged} không đổi.</p>
${
  lastImport.changes.length
    ? html`<ul>${lastImport.changes.map(
        (c) =>
          html`<li>${link(c.procedureCode)} · ${c.change === "added" ? "thêm mới" : html`thay đổi: ${fieldList(c.fields)}`}</li>`,
      )}</ul>${
        lastImport.total > lastImport.changes.length
          ? html`<p class="muted">Còn ${lastImport.total - lastImport.changes.length} thủ tục khác: tìm theo mã để xem.</p>`
          : ""
      }`
    : html`<p class="muted">Lần nhập này không thêm hay thay đổi thủ tục nào.</p>`
}`
    : html`<p>Chưa có lần nhập nào được ghi lại.</p>`
}`;
  const page = consolePage(officerOf(req), {
    title: "Thủ tục: cập nhật và rà soát",
    current: "/officer/tri-thuc",
    body,
    styles: ["console-work.css", "learning.css"],
  });
  return sendPage(reply, page, state.status ?? 200);
}

async function isKnownProcedure(deps: SiteDeps, code: string): Promise<boolean> {
  if (deps.kb.get(code)) return true;
  const [row] = await deps.db
    .select({ code: procedures.code })
    .from(procedures)
    .where(eq(procedures.code, code));
  return !!row;
}

/**
 * `GET /officer/tri-thuc/thu-tuc?q=…` (a procedure's announcing decision, last update, re-import
 * changes and review mark; the procedures under review; the last import's changes) and
 * `POST /officer/tri-thuc/thu-tuc/ra-soat` (mark or clear "đang rà soát"); for the knowledge
 * editors only (everyone else gets the console's 404).
 */
export function registerProceduresPage(app: FastifyInstance, deps: SiteDeps): void {
  const editors = { preHandler: requireOfficer(deps, KNOWLEDGE_EDITOR_ROLES) };

  app.get(PROCEDURES_PATH, editors, async (req, reply) => {
    const { q } = readQuery(req.query, PAGE_QUERY);
    return sendProceduresPage(deps, req, reply, q);
  });

  app.post(REVIEW_PATH, editors, async (req, reply) => {
    const code = formField(req.body, "code").normalize("NFC").trim().slice(0, 100);
    const q = formField(req.body, "q").trim().slice(0, 200);
    const action = formField(req.body, "action");
    const officerId = officerOf(req).id;
    const back = (status: number, error: string) =>
      sendProceduresPage(deps, req, reply, q, { status, error });
    if (action !== "mark" && action !== "clear") return back(400, "Chưa chọn đánh dấu hay bỏ đánh dấu.");
    let message: string;
    if (action === "mark") {
      const note = formField(req.body, "note");
      if (note.length > MAX_REVIEW_NOTE * 4)
        return back(400, `Ghi chú dài quá (tối đa ${MAX_REVIEW_NOTE} ký tự).`);
      try {
        await markReviewing(
          { db: deps.db, now: deps.now, hasProcedure: (c) => isKnownProcedure(deps, c) },
          { code, note, officerId, ip: req.ip },
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== "not_found") throw err;
        return back(404, "Không có thủ tục với mã này.");
      }
      message = `Đã đánh dấu thủ tục ${code} “đang rà soát”: trợ lý sẽ hướng dẫn người hỏi liên hệ cơ quan thực hiện.`;
    } else {
      const cleared = await clearReviewing({ db: deps.db }, { code, officerId, ip: req.ip });
      message = cleared
        ? `Đã bỏ đánh dấu “đang rà soát” của thủ tục ${code}: trợ lý trả lời chi tiết trở lại.`
        : `Thủ tục ${code || "này"} không có đánh dấu “đang rà soát” (có thể một biên tập viên khác vừa bỏ).`;
    }
    await refreshQuietly(deps, req);
    setFlash(reply, message, deps.secureCookies);
    return reply.redirect(`${PROCEDURES_PATH}?q=${encodeURIComponent(q || code)}`, 303);
  });
}
