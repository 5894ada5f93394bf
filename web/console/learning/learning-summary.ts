import { and, count, desc, gte, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { kbLessons, kbMisses, kbVotes } from "../../../db/schema.js";
import { questionsPerWeek } from "../../../feedback/learning/question-tally.js";
import type { KnowledgeBase } from "../../../knowledge/decision-types.js";
import { html, type SafeHtml } from "../../html.js";

const WEEK_MS = 7 * 24 * 3600 * 1000;
/** How many weeks the summary's table shows. */
export const SUMMARY_WEEKS = 8;
const WORST_VOTED = 5;

/** The numbers at the top of the editor's page. */
export interface LearningSummary {
  /** Misses asked per week, this week (the last 7 days) first: all of them, and those answered since. */
  weeks: Array<{
    from: Date;
    to: Date;
    asked: number;
    resolved: number;
    /** Questions asked of the knowledge base that week, and how many it answered. */
    questions: number;
    answered: number;
  }>;
  openMisses: number;
  liveLessons: number;
  retiredLessons: number;
  /** The procedures citizens most often marked "Chưa đúng" in the period. */
  worstVoted: Array<{ code: string; name: string; helpful: number; unhelpful: number }>;
}

/** Reads the summary: weeks counted back from `now` (no calendar or time zone involved). */
export async function loadLearningSummary(
  deps: { db: Db; kb: Pick<KnowledgeBase, "get"> },
  input: { now: Date; since: Date; until: Date },
): Promise<LearningSummary> {
  const start = new Date(input.now.getTime() - SUMMARY_WEEKS * WEEK_MS);
  const nowIso = input.now.toISOString();
  const byWeek = await deps.db
    .select({
      ago: sql<number>`floor(extract(epoch from (${nowIso}::timestamptz - ${kbMisses.createdAt})) / 604800)::int`,
      asked: count(),
      resolved: count(kbMisses.lessonId),
    })
    .from(kbMisses)
    .where(and(gte(kbMisses.createdAt, start), lt(kbMisses.createdAt, input.until)))
    .groupBy(sql`1`);
  const questions = await questionsPerWeek(deps.db, { now: input.now, weeks: SUMMARY_WEEKS });
  const weeks = Array.from({ length: SUMMARY_WEEKS }, (_, i) => ({
    from: new Date(input.now.getTime() - (i + 1) * WEEK_MS),
    to: new Date(input.now.getTime() - i * WEEK_MS),
    asked: 0,
    resolved: 0,
    questions: questions[i]?.asked ?? 0,
    answered: questions[i]?.answered ?? 0,
  }));
  for (const row of byWeek) {
    const week = weeks[Math.min(Math.max(Number(row.ago), 0), SUMMARY_WEEKS - 1)];
    if (!week) continue;
    week.asked += Number(row.asked);
    week.resolved += Number(row.resolved);
  }
  const [open] = await deps.db.select({ n: count() }).from(kbMisses).where(isNull(kbMisses.lessonId));
  const [lessons] = await deps.db
    .select({ live: count(), retired: count(kbLessons.retiredAt) })
    .from(kbLessons);
  const unhelpful = sql<number>`count(*) filter (where not ${kbVotes.helpful})::int`;
  const votes = await deps.db
    .select({
      code: kbVotes.procedureCode,
      helpful: sql<number>`count(*) filter (where ${kbVotes.helpful})::int`,
      unhelpful,
    })
    .from(kbVotes)
    .where(and(gte(kbVotes.createdAt, input.since), lt(kbVotes.createdAt, input.until)))
    .groupBy(kbVotes.procedureCode)
    .having(sql`count(*) filter (where not ${kbVotes.helpful}) > 0`)
    .orderBy(desc(unhelpful), kbVotes.procedureCode)
    .limit(WORST_VOTED);
  const total = Number(lessons?.live ?? 0);
  const retired = Number(lessons?.retired ?? 0);
  return {
    weeks,
    openMisses: Number(open?.n ?? 0),
    liveLessons: total - retired,
    retiredLessons: retired,
    worstVoted: votes.map((v) => ({
      code: v.code,
      name: deps.kb.get(v.code)?.name ?? "(không còn trong cơ sở dữ liệu)",
      helpful: Number(v.helpful),
      unhelpful: Number(v.unhelpful),
    })),
  };
}

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;
const two = (n: number) => String(n).padStart(2, "0");
/** A day as the province reads it, "dd/mm" in Viet Nam time (UTC+7, no summer time), whatever the server's zone or ICU data. */
export function dayOf(d: Date): string {
  const local = new Date(d.getTime() + VIETNAM_OFFSET_MS);
  return `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}`;
}

/** The summary box: open misses and lessons, misses per week, the procedures most often marked wrong. */
export function summaryView(summary: LearningSummary): SafeHtml {
  return html`<section class="learning-summary" aria-labelledby="tong-quan"><h2 id="tong-quan">Tổng quan</h2>
<p class="inbox-summary"><strong>${summary.openMisses}</strong> câu hỏi đang chờ xử lý · <strong>${summary.liveLessons}</strong> bài học đang dùng${summary.retiredLessons ? html` <span class="muted">(${summary.retiredLessons} đã ngừng dùng)</span>` : ""} · <a href="/officer/tri-thuc/bai-hoc">Xem các bài học</a></p>
<div class="learning-tables">
<table class="weeks"><caption>Theo tuần: câu hỏi, tỉ lệ trả lời được, câu chưa trả lời được và đã xử lý</caption>
<thead><tr><th scope="col">Tuần</th><th scope="col">Câu hỏi</th><th scope="col">Trả lời được</th><th scope="col">Chưa trả lời được</th><th scope="col">Đã xử lý</th></tr></thead>
<tbody>${summary.weeks.map(
    (w, i) =>
      html`<tr><td>${i === 0 ? "7 ngày qua" : html`${dayOf(w.from)}–${dayOf(new Date(w.to.getTime() - 1))}`}</td><td>${w.questions}</td><td>${w.questions ? `${Math.round((100 * w.answered) / w.questions)}%` : "–"}</td><td>${w.asked}</td><td>${w.resolved}</td></tr>`,
  )}</tbody></table>
${
  summary.worstVoted.length
    ? html`<table class="votes"><caption>Thủ tục hay bị đánh giá "Chưa đúng"</caption>
<thead><tr><th scope="col">Thủ tục</th><th scope="col">Chưa đúng</th><th scope="col">Đúng ý</th></tr></thead>
<tbody>${summary.worstVoted.map(
        (v) =>
          html`<tr><td>${v.name} <span class="muted">${v.code}</span></td><td>${v.unhelpful}</td><td>${v.helpful}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">Chưa có thủ tục nào bị đánh giá "Chưa đúng" trong thời gian này.</p>`
}
</div></section>`;
}
