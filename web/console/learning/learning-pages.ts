import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { listMissGroups } from "../../../feedback/learning/miss-groups.js";
import { resolveMisses } from "../../../feedback/learning/resolve-misses.js";
import { KNOWLEDGE_EDITOR_ROLES } from "../../../feedback/officers/roles.js";
import { LESSON_KINDS, type LessonKind } from "../../../knowledge/learned/lesson-book.js";
import { AppError } from "../../../lib/errors.js";
import { formField } from "../../form-body.js";
import { html, type SafeHtml } from "../../html.js";
import { sendPage } from "../../layout.js";
import { readQuery, textParam, toDbId } from "../../query-params.js";
import type { SiteDeps } from "../../site.js";
import { officerOf, requireOfficer } from "../auth-hooks.js";
import { consolePage } from "../console-layout.js";
import { messageBox, setFlash, takeFlash } from "../flash.js";
import { loadLearningSummary, summaryView } from "./learning-summary.js";
import { registerLessonsPage } from "./lessons-page.js";
import { groupView, idsOf, RESOLVE_PATH, type TypedResolution } from "./miss-groups-view.js";
import { registerProceduresPage } from "./procedures-page.js";
import { registerPromoteTicket } from "./promote-ticket-route.js";
import { refreshQuietly } from "./refresh-lessons.js";

/** The editors' area of the console. */
export const LEARNING_PATH = "/officer/tri-thuc";

const DAY_MS = 24 * 3600 * 1000;
/** The periods the page offers, by their `ky` value; the first is the default. */
const PERIODS = [
  { key: "7", label: "7 ngày qua", days: 7 },
  { key: "30", label: "30 ngày qua", days: 30 },
  { key: "tat-ca", label: "Tất cả câu hỏi đang chờ", days: undefined },
] as const;
type Period = (typeof PERIODS)[number];
const periodOf = (key: string): Period => PERIODS.find((p) => p.key === key) ?? PERIODS[0];
/** The most groups one page shows (the largest); the rest wait for these to be resolved. */
const MAX_GROUPS_SHOWN = 50;
/** The most miss ids one form may carry (resolveMisses takes at most as many). */
const MAX_IDS = 5_000;

const PAGE_QUERY = z.object({ ky: textParam(10), tim: textParam(200) });

interface PageState {
  status?: number;
  error?: SafeHtml;
  typed?: TypedResolution;
}

function range(deps: SiteDeps, period: Period) {
  const now = deps.now?.() ?? new Date();
  // A minute ahead: a question asked while the page is built is still in it.
  const until = new Date(now.getTime() + 60_000);
  const since = period.days ? new Date(now.getTime() - period.days * DAY_MS) : new Date(0);
  return { now, since, until };
}

function procedureSearch(deps: SiteDeps, q: string, period: Period): SafeHtml {
  const exact = deps.kb.get(q);
  const hits = q ? deps.kb.search(q, 5).map((h) => h.procedure) : [];
  const found = exact ? [exact, ...hits.filter((p) => p.code !== exact.code)] : hits;
  return html`<form method="get" action="${LEARNING_PATH}" role="search" class="actions"><input type="hidden" name="ky" value="${period.key}">
<div><label for="tim">Tìm mã thủ tục (theo mã hoặc vài chữ trong tên)</label><input id="tim" name="tim" value="${q}" placeholder="vd: cấp lại sổ đỏ bị mất"></div>
<button type="submit" class="secondary">Tìm</button></form>
${
  q
    ? found.length
      ? html`<ul class="procedure-hits">${found.map((p) => html`<li><code>${p.code}</code> ${p.name}</li>`)}</ul>`
      : html`<p>Không tìm thấy thủ tục nào.</p>`
    : ""
}`;
}

async function sendMissesPage(
  deps: SiteDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  input: { period: Period; q?: string },
  state: PageState = {},
): Promise<FastifyReply> {
  const { period } = input;
  const when = range(deps, period);
  const [summary, groups] = await Promise.all([
    loadLearningSummary(deps, when),
    listMissGroups({ db: deps.db, meaningOf: (text) => deps.kb.meaningOf(text) }, when),
  ]);
  const shown = groups.slice(0, MAX_GROUPS_SHOWN);
  const typedIds = state.typed?.ids;
  const periods = PERIODS.map((p) =>
    p.key === period.key
      ? html`<strong aria-current="true">${p.label}</strong>`
      : html`<a href="${LEARNING_PATH}?ky=${p.key}">${p.label}</a>`,
  );
  const body = html`<h1>Câu hỏi chưa trả lời được</h1>
${messageBox({ flash: state.error ? undefined : takeFlash(req, reply, deps.secureCookies) })}${state.error ?? ""}
<nav class="periods" aria-label="Khoảng thời gian">${periods}</nav>
<p><a href="${LEARNING_PATH}/thu-tuc">Thủ tục: quyết định công bố, thay đổi khi nhập lại, đánh dấu “đang rà soát”</a></p>
${summaryView(summary)}
<h2>Các nhóm câu hỏi <span class="muted">(${groups.length} nhóm, nhóm đông nhất trước)</span></h2>
<p class="muted">Mỗi nhóm gồm những câu hỏi cùng một ý. Chọn cách xử lý: trợ lý sẽ trả lời ngay những câu hỏi tương tự, và báo cho những người đang chờ.</p>
${procedureSearch(deps, input.q ?? "", period)}
${groups.length === 0 ? html`<p>Không có câu hỏi nào đang chờ trong thời gian này.</p>` : ""}
${shown.map((g) => groupView(req, deps.kb, g, period.key, typedIds === idsOf(g) ? state.typed : undefined))}
${groups.length > shown.length ? html`<p class="muted">Còn ${groups.length - shown.length} nhóm nhỏ hơn: xử lý các nhóm trên trước.</p>` : ""}`;
  const page = consolePage(officerOf(req), {
    title: "Câu hỏi chưa trả lời được",
    current: LEARNING_PATH,
    body,
    styles: ["console-work.css", "learning.css"],
  });
  return sendPage(reply, page, state.status ?? 200);
}

/** The miss ids of a form's hidden field: positive database ids only, at most MAX_IDS. */
export function parseIds(text: string): number[] {
  return text
    .split(/[\s,]+/)
    .slice(0, MAX_IDS)
    .map(toDbId)
    .filter((n): n is number => n !== undefined);
}

function typedOf(body: unknown): TypedResolution {
  return {
    ids: formField(body, "ids").slice(0, 100_000),
    kind: formField(body, "kind"),
    code: formField(body, "code").trim(),
    codeOther: formField(body, "code_other").trim().slice(0, 40),
    faqAnswer: formField(body, "faq_answer"),
    faqSource: formField(body, "faq_source"),
    where: formField(body, "where"),
  };
}

function problemsBox(problems: string[]): SafeHtml {
  return html`<div class="error" role="alert"><p>Chưa lưu được cách xử lý, xin kiểm tra lại:</p><ul>${problems
    .slice(0, 10)
    .map((p) => html`<li>${p}</li>`)}</ul></div>`;
}

const CONFLICT = html`<p class="error" role="alert">Các câu hỏi này đã được xử lý rồi (có thể một biên tập viên khác vừa lưu). Danh sách dưới đây đã được cập nhật.</p>`;

function savedMessage(kind: LessonKind, resolved: number, followers: number): string {
  if (kind === "noise") return `Đã lưu: ${resolved} câu hỏi được đánh dấu không cần trả lời.`;
  const told = followers ? `${followers} người sẽ được báo` : "không có ai đang chờ được báo";
  return `Đã lưu: ${resolved} câu hỏi đã có câu trả lời, ${told}.`;
}

/**
 * `GET /officer/tri-thuc` (the open misses grouped by meaning, with a summary) and
 * `POST /officer/tri-thuc/giai-quyet` (an editor's decision on a group), plus the lessons page;
 * for the knowledge editors only (everyone else gets the console's 404).
 */
export function registerLearningPages(app: FastifyInstance, deps: SiteDeps): void {
  const editors = { preHandler: requireOfficer(deps, KNOWLEDGE_EDITOR_ROLES) };

  app.get(LEARNING_PATH, editors, async (req, reply) => {
    const { ky, tim } = readQuery(req.query, PAGE_QUERY);
    return sendMissesPage(deps, req, reply, { period: periodOf(ky), q: tim });
  });

  app.post(RESOLVE_PATH, editors, async (req, reply) => {
    const typed = typedOf(req.body);
    const period = periodOf(formField(req.body, "ky"));
    const again = (status: number, error: SafeHtml) =>
      sendMissesPage(deps, req, reply, { period }, { status, error, typed });
    if (!(LESSON_KINDS as readonly string[]).includes(typed.kind))
      return again(400, problemsBox(["chưa chọn cách xử lý cho nhóm câu hỏi"]));
    const kind = typed.kind as LessonKind;
    const procedureCode = typed.codeOther || typed.code;
    let outcome: Awaited<ReturnType<typeof resolveMisses>>;
    try {
      outcome = await resolveMisses(
        { db: deps.db, hasProcedure: (code) => !!deps.kb.get(code), now: deps.now },
        {
          missIds: parseIds(typed.ids),
          kind,
          procedureCode: kind === "link" ? procedureCode : undefined,
          answer: kind === "faq" ? typed.faqAnswer : kind === "elsewhere" ? typed.where : undefined,
          source: kind === "faq" ? typed.faqSource : undefined,
          officerId: officerOf(req).id,
          ip: req.ip,
        },
      );
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === "conflict") return again(409, CONFLICT);
      const problems = Array.isArray(err.data.problems)
        ? err.data.problems.filter((p): p is string => typeof p === "string")
        : [];
      return again(400, problemsBox(problems.length ? problems : ["thông tin gửi lên chưa hợp lệ"]));
    }
    await refreshQuietly(deps, req);
    setFlash(reply, savedMessage(kind, outcome.resolved, outcome.followers), deps.secureCookies);
    return reply.redirect(`${LEARNING_PATH}?ky=${period.key}`, 303);
  });

  registerLessonsPage(app, deps);
  registerProceduresPage(app, deps);
  registerPromoteTicket(app, deps);
}
