import { desc, eq, inArray, isNull } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { kbLessonPhrases, kbLessons, officers } from "../../../db/schema.js";
import { vnDateTime } from "../../../feedback/console/vn-date-time.js";
import { loadLessons } from "../../../feedback/learning/lesson-repo.js";
import { retireLesson } from "../../../feedback/learning/resolve-misses.js";
import { KNOWLEDGE_EDITOR_ROLES } from "../../../feedback/officers/roles.js";
import { toLocalDate } from "../../../feedback/working-calendar.js";
import { AppError } from "../../../lib/errors.js";
import { html, type SafeHtml } from "../../html.js";
import { sendPage } from "../../layout.js";
import { toDbId } from "../../query-params.js";
import type { SiteDeps } from "../../site.js";
import { officerOf, requireOfficer } from "../auth-hooks.js";
import { consolePage, csrfField } from "../console-layout.js";
import { messageBox, setFlash, takeFlash } from "../flash.js";
import { refreshQuietly } from "./refresh-lessons.js";

const LESSONS_PATH = "/officer/tri-thuc/bai-hoc";
/** The most lessons the page lists (the newest). */
const MAX_LESSONS = 300;
const PHRASES_SHOWN = 5;

const KIND_LABELS: Record<string, string> = {
  link: "Chỉ đến thủ tục",
  faq: "Trả lời ngắn",
  elsewhere: "Nơi khác giải quyết",
  noise: "Không cần trả lời",
};

async function liveLessons(deps: SiteDeps) {
  const rows = await deps.db
    .select({
      id: kbLessons.id,
      kind: kbLessons.kind,
      procedureCode: kbLessons.procedureCode,
      answer: kbLessons.answer,
      source: kbLessons.source,
      createdAt: kbLessons.createdAt,
      author: officers.name,
    })
    .from(kbLessons)
    .leftJoin(officers, eq(officers.id, kbLessons.createdBy))
    .where(isNull(kbLessons.retiredAt))
    .orderBy(desc(kbLessons.id))
    .limit(MAX_LESSONS);
  const phrases = new Map<number, string[]>();
  if (rows.length) {
    const all = await deps.db
      .select({ lessonId: kbLessonPhrases.lessonId, text: kbLessonPhrases.text })
      .from(kbLessonPhrases)
      .where(
        inArray(
          kbLessonPhrases.lessonId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(kbLessonPhrases.id);
    for (const p of all) phrases.set(p.lessonId, [...(phrases.get(p.lessonId) ?? []), p.text]);
  }
  return rows.map((r) => ({ ...r, phrases: phrases.get(r.id) ?? [] }));
}

type LessonRow = Awaited<ReturnType<typeof liveLessons>>[number];

function what(deps: SiteDeps, lesson: LessonRow): SafeHtml {
  if (lesson.kind === "link") {
    const code = lesson.procedureCode ?? "";
    const name = deps.kb.get(code)?.name ?? "(thủ tục không còn trong cơ sở dữ liệu)";
    return html`<p>${name} <span class="muted">${code}</span></p>`;
  }
  if (lesson.kind === "noise") return html``;
  return html`<p class="note">${lesson.answer ?? ""}</p>${lesson.source ? html`<p class="muted">Căn cứ: ${lesson.source}</p>` : ""}`;
}

function lessonView(deps: SiteDeps, req: FastifyRequest, lesson: LessonRow): SafeHtml {
  const more = lesson.phrases.length - PHRASES_SHOWN;
  return html`<section class="lesson" aria-labelledby="bai-hoc-${lesson.id}">
<h2 id="bai-hoc-${lesson.id}">${KIND_LABELS[lesson.kind] ?? lesson.kind} <span class="muted">· bài học số ${lesson.id}</span></h2>
${what(deps, lesson)}
<p class="muted">Cách hỏi đã gặp:</p><ul class="examples">${lesson.phrases
    .slice(0, PHRASES_SHOWN)
    .map(
      (p) => html`<li class="note">${p}</li>`,
    )}${more > 0 ? html`<li class="muted">và ${more} cách hỏi khác</li>` : ""}</ul>
<p class="muted">${lesson.author ?? "Không rõ người lập"} · ${vnDateTime(lesson.createdAt)}</p>
<form method="post" action="${LESSONS_PATH}/${lesson.id}/ngung">${csrfField(req)}<button type="submit" class="secondary">Ngừng dùng</button></form>
</section>`;
}

async function sendLessonsPage(
  deps: SiteDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  state: { status?: number; error?: string } = {},
): Promise<FastifyReply> {
  const lessons = await liveLessons(deps);
  const body = html`<p><a href="/officer/tri-thuc">← Câu hỏi chưa trả lời được</a></p>
<h1>Bài học đang dùng</h1>
${messageBox({ flash: state.error ? undefined : takeFlash(req, reply, deps.secureCookies), error: state.error })}
<p><a href="${LESSONS_PATH}.jsonl">Tải các bài học đang dùng (JSON Lines)</a></p>
<p class="muted">Trợ lý trả lời những câu hỏi giống các cách hỏi dưới đây theo bài học. "Ngừng dùng" thì trợ lý thôi theo bài học đó (câu hỏi cũ vẫn tính là đã xử lý).</p>
${lessons.length === 0 ? html`<p>Chưa có bài học nào.</p>` : lessons.map((l) => lessonView(deps, req, l))}
${lessons.length === MAX_LESSONS ? html`<p class="muted">Chỉ hiện ${MAX_LESSONS} bài học mới nhất.</p>` : ""}`;
  const page = consolePage(officerOf(req), {
    title: "Bài học đang dùng",
    current: "/officer/tri-thuc",
    body,
    styles: ["console-work.css", "learning.css"],
  });
  return sendPage(reply, page, state.status ?? 200);
}

/**
 * `GET /officer/tri-thuc/bai-hoc` (the live lessons), `GET …/bai-hoc.jsonl` (them as data) and
 * `POST …/:id/ngung` (retire one).
 */
export function registerLessonsPage(app: FastifyInstance, deps: SiteDeps): void {
  const editors = { preHandler: requireOfficer(deps, KNOWLEDGE_EDITOR_ROLES) };

  app.get(LESSONS_PATH, editors, (req, reply) => sendLessonsPage(deps, req, reply));

  // The live lessons as data (one JSON object per line), to review, keep or move to another system.
  app.get(`${LESSONS_PATH}.jsonl`, editors, async (_req, reply) => {
    const lessons = await loadLessons(deps.db);
    const day = toLocalDate(deps.now?.() ?? new Date());
    return reply
      .type("application/x-ndjson; charset=utf-8")
      .header("content-disposition", `attachment; filename="bai-hoc-${day}.jsonl"`)
      .header("cache-control", "private, no-store")
      .header("x-content-type-options", "nosniff")
      .send(lessons.map((l) => `${JSON.stringify(l)}\n`).join(""));
  });

  app.post<{ Params: { id: string } }>(`${LESSONS_PATH}/:id/ngung`, editors, async (req, reply) => {
    const lessonId = toDbId(req.params.id);
    try {
      if (!lessonId) throw new AppError("not_found", "no such lesson");
      await retireLesson(
        { db: deps.db, now: deps.now },
        { lessonId, officerId: officerOf(req).id, ip: req.ip },
      );
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== "not_found") throw err;
      return sendLessonsPage(deps, req, reply, {
        status: 404,
        error: "Bài học này không còn được dùng (có thể đã có người ngừng dùng trước).",
      });
    }
    await refreshQuietly(deps, req);
    setFlash(reply, `Đã ngừng dùng bài học số ${lessonId}.`, deps.secureCookies);
    return reply.redirect(LESSONS_PATH, 303);
  });
}
