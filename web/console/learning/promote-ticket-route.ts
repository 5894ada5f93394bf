import type { FastifyInstance } from "fastify";
import { loadPaknFor } from "../../../feedback/console/pakn-scope.js";
import { promoteTicket } from "../../../feedback/learning/promote-ticket.js";
import {
  canEditKnowledge,
  KNOWLEDGE_EDITOR_ROLES,
  type SignedInOfficer,
} from "../../../feedback/officers/roles.js";
import { AppError } from "../../../lib/errors.js";
import { formField } from "../../form-body.js";
import { html, type SafeHtml } from "../../html.js";
import type { SiteDeps } from "../../site.js";
import { officerOf, requireOfficer } from "../auth-hooks.js";
import { setFlash } from "../flash.js";
import { refreshQuietly } from "./refresh-lessons.js";

const path = (code: string) => `/officer/pakn/${encodeURIComponent(code)}/thanh-cau-tra-loi`;

/**
 * The form under an answered question ticket that turns it into an official short answer of the
 * assistant, for the roles that curate the knowledge base; nothing for other items or roles.
 */
export function promoteTicketForm(
  officer: SignedInOfficer,
  item: { code: string; kind: string; answer: string | null },
  csrf: SafeHtml,
): SafeHtml | "" {
  if (!canEditKnowledge(officer.role) || item.kind !== "question" || !item.answer) return "";
  return html`<section class="panel"><h2>Dùng câu trả lời này cho trợ lý hỏi đáp</h2>
<p class="muted">Câu hỏi và câu trả lời (đã ẩn thông tin cá nhân như khi công khai) trở thành một câu trả lời ngắn của trợ lý cho những người hỏi giống vậy.</p>
<form method="post" action="${path(item.code)}">${csrf}
<label for="nguon">Căn cứ (văn bản, quyết định; để trống thì ghi số phiếu)</label>
<input id="nguon" name="source" maxlength="300">
<p><button type="submit">Thêm vào trợ lý hỏi đáp</button></p></form></section>`;
}

/** `POST /officer/pakn/:code/thanh-cau-tra-loi`: promotes the ticket, then back to it with a flash. */
export function registerPromoteTicket(app: FastifyInstance, deps: SiteDeps): void {
  const editors = { preHandler: requireOfficer(deps, KNOWLEDGE_EDITOR_ROLES) };
  app.post<{ Params: { code: string } }>(
    "/officer/pakn/:code/thanh-cau-tra-loi",
    editors,
    async (req, reply) => {
      const code = req.params.code.trim().toUpperCase().slice(0, 40);
      const back = `/officer/pakn/${encodeURIComponent(code)}`;
      try {
        // Only a ticket this officer may see (agency scope), exactly as on its page.
        await loadPaknFor(deps, officerOf(req), code);
        const { lessonId } = await promoteTicket(
          { db: deps.db, now: deps.now },
          { code, officerId: officerOf(req).id, source: formField(req.body, "source"), ip: req.ip },
        );
        await refreshQuietly(deps, req);
        setFlash(reply, `Đã thêm vào trợ lý hỏi đáp (bài học số ${lessonId}).`, deps.secureCookies);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const message =
          err.code === "conflict"
            ? "Phiếu này đã được thêm vào trợ lý hỏi đáp trước đó."
            : err.code === "not_found"
              ? "Không tìm thấy phiếu câu hỏi này."
              : "Phiếu câu hỏi chưa có câu trả lời nên chưa thể thêm.";
        setFlash(reply, message, deps.secureCookies);
      }
      return reply.redirect(back, 303);
    },
  );
}
