import { and, gte, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { pakn } from "../../db/schema.js";
import { ANSWERED_STATUSES, AWAITING_ANSWER } from "../lifecycle.js";
import { statusIn } from "../status-sql.js";
import { type LocalMonth, monthOf, nextMonth, startOfMonth } from "./public-period.js";

/** The counts behind one line of the statistics. */
export interface StatCounts {
  /** PAKN received (duplicates merged into another are not counted twice). */
  received: number;
  /** Answered (draft, approved or published answer). */
  answered: number;
  /** Answered on or before the answer deadline. */
  onTime: number;
  /** Whose answer was due: the deadline has passed, or the answer is in. */
  due: number;
  /** Past the deadline and still without an answer. */
  overdueOpen: number;
  ratingCount: number;
  ratingSum: number;
}

/** One line of the statistics, with the derived rates. */
export interface StatLine extends StatCounts {
  /** answered on time ÷ due, 0..1; null when nothing was due yet. */
  onTimeRate: number | null;
  /** Mean of the citizens' 1–5 ratings; null without ratings. */
  averageRating: number | null;
}

/** The public statistics of a span of months: per agency, per month and in total. */
export interface PublicStats {
  fromMonth: LocalMonth;
  toMonth: LocalMonth;
  /** Null agency: not yet assigned to an agency. Sorted by id. */
  byAgency: (StatLine & { agencyId: string | null })[];
  /** Every month of the span, oldest first, zeros included. */
  byMonth: (StatLine & { month: LocalMonth })[];
  total: StatLine;
}

/** Longest span of months one statistics request may cover. */
export const MAX_STAT_MONTHS = 36;
/** Neither due nor answered: refused, out of scope (they get a reason, not an answer). */
const NOT_COUNTED = "merged";

const empty = (): StatCounts => ({
  received: 0,
  answered: 0,
  onTime: 0,
  due: 0,
  overdueOpen: 0,
  ratingCount: 0,
  ratingSum: 0,
});

function addInto(target: StatCounts, row: StatCounts): void {
  for (const key of Object.keys(target) as (keyof StatCounts)[]) target[key] += row[key];
}

function line(counts: StatCounts): StatLine {
  return {
    ...counts,
    onTimeRate: counts.due > 0 ? counts.onTime / counts.due : null,
    averageRating: counts.ratingCount > 0 ? counts.ratingSum / counts.ratingCount : null,
  };
}

/** The months from one to another, both included (at most MAX_STAT_MONTHS, the latest kept). */
export function monthsBetween(from: LocalMonth, to: LocalMonth): LocalMonth[] {
  const out: LocalMonth[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out.slice(-MAX_STAT_MONTHS);
}

/**
 * Received, answered, answered on time, due and rated PAKN per agency and per month of receipt
 * (Viet Nam's calendar), in one grouped query over status and dates only; on-time rate = answered
 * on time ÷ due, as provinces are scored. Default span: the twelve months up to this one.
 */
export async function publicStats(
  deps: { db: Db; now?: () => Date },
  input: { fromMonth?: LocalMonth; toMonth?: LocalMonth } = {},
): Promise<PublicStats> {
  const now = deps.now?.() ?? new Date();
  let toMonth = input.toMonth ?? monthOf(now);
  let fromMonth = input.fromMonth ?? monthsBack(toMonth, 11);
  if (fromMonth > toMonth) [fromMonth, toMonth] = [toMonth, fromMonth];
  const months = monthsBetween(fromMonth, toMonth);
  fromMonth = months[0] ?? fromMonth;
  const answered = sql`(${statusIn(pakn.status, ANSWERED_STATUSES)} AND ${pakn.answeredAt} IS NOT NULL)`;
  const waiting = sql`(${statusIn(pakn.status, AWAITING_ANSWER)} AND ${pakn.answerDueAt} < ${now.toISOString()}::timestamptz)`;
  // Viet Nam has no daylight saving time: its months are UTC+7 throughout.
  const month = sql<string>`to_char((${pakn.receivedAt} AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM')`;
  const rows = await deps.db
    .select({
      agencyId: pakn.agencyId,
      month,
      received: sql<string>`count(*)`,
      answered: sql<string>`count(*) FILTER (WHERE ${answered})`,
      onTime: sql<string>`count(*) FILTER (WHERE ${answered} AND ${pakn.answeredAt} <= ${pakn.answerDueAt})`,
      due: sql<string>`count(*) FILTER (WHERE ${answered} OR ${waiting})`,
      overdueOpen: sql<string>`count(*) FILTER (WHERE ${waiting})`,
      ratingCount: sql<string>`count(${pakn.rating})`,
      ratingSum: sql<string>`coalesce(sum(${pakn.rating}), 0)`,
    })
    .from(pakn)
    .where(
      and(
        ne(pakn.status, NOT_COUNTED),
        gte(pakn.receivedAt, startOfMonth(fromMonth)),
        lt(pakn.receivedAt, startOfMonth(nextMonth(toMonth))),
      ),
    )
    .groupBy(pakn.agencyId, month);

  const byAgency = new Map<string | null, StatCounts>();
  const byMonth = new Map<LocalMonth, StatCounts>(months.map((m) => [m, empty()]));
  const total = empty();
  for (const row of rows) {
    const counts: StatCounts = {
      received: Number(row.received),
      answered: Number(row.answered),
      onTime: Number(row.onTime),
      due: Number(row.due),
      overdueOpen: Number(row.overdueOpen),
      ratingCount: Number(row.ratingCount),
      ratingSum: Number(row.ratingSum),
    };
    const agency = byAgency.get(row.agencyId) ?? empty();
    addInto(agency, counts);
    byAgency.set(row.agencyId, agency);
    const m = byMonth.get(row.month);
    if (m) addInto(m, counts);
    addInto(total, counts);
  }
  return {
    fromMonth,
    toMonth,
    byAgency: [...byAgency]
      .map(([agencyId, c]) => ({ agencyId, ...line(c) }))
      .sort((a, b) => (a.agencyId ?? "~").localeCompare(b.agencyId ?? "~")),
    byMonth: [...byMonth].map(([m, c]) => ({ month: m, ...line(c) })),
    total: line(total),
  };
}

/** The month `n` months before another. */
export function monthsBack(month: LocalMonth, n: number): LocalMonth {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}
