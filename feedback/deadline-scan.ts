import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { outbox, pakn, paknEvents, paknReminders } from "../db/schema.js";
import { pausesFromHistory, type StatusChange } from "./clock-pauses.js";
import {
  type DeadlineConfig,
  type DeadlineState,
  deadlineStatus,
  FEEDBACK_KINDS,
  type FeedbackKind,
} from "./deadlines.js";
import { AWAITING_ANSWER, PAUSED_STATUSES } from "./lifecycle.js";
import { QUEUES } from "./queue-names.js";
import { statusIn } from "./status-sql.js";
import { addCalendarDays, startOfLocalDay, toLocalDate, type WorkingCalendar } from "./working-calendar.js";

/** What the scan needs. */
export interface DeadlineScanDeps {
  db: Db;
  calendar: WorkingCalendar;
  config?: DeadlineConfig;
  now?: () => Date;
  /** Where a PAKN whose dates cannot be read is reported (by id only) before it is skipped. */
  logger?: Pick<Logger, "warn">;
}

/** Which PAKN one scan looks at. */
export interface DeadlineScanInput {
  /** How many PAKN one round reads (default 500). */
  batch?: number;
  /** Every open PAKN, not only those due a look (at a process start: the calendar may have been edited). */
  all?: boolean;
}

/** What one scan did. */
export interface DeadlineScanResult {
  scanned: number;
  reminders: number;
  dueDatesMoved: number;
}

const isKind = (k: string): k is FeedbackKind => (FEEDBACK_KINDS as readonly string[]).includes(k);

/** How long to leave a PAKN whose reminder points have all come (a daily look costs little). */
const IDLE_RECHECK_MS = 24 * 60 * 60 * 1000;

/** When a PAKN next needs the scan: its next reminder point, tomorrow while paused, else a day later. */
function nextCheck(state: DeadlineState, now: Date): Date {
  const upcoming = state.reminders.map((r) => r.at.getTime()).filter((at) => at > now.getTime());
  const candidates = [...upcoming, now.getTime() + IDLE_RECHECK_MS];
  // A paused clock moves the due date every working day.
  if (state.paused) candidates.push(startOfLocalDay(addCalendarDays(toLocalDate(now), 1)).getTime());
  return new Date(Math.min(...candidates));
}

/** Stores when each scanned PAKN is next due a look, in one statement per batch. */
async function saveNextChecks(db: Db, checks: ReadonlyArray<{ id: number; at: Date }>): Promise<void> {
  if (checks.length === 0) return;
  const ids = `{${checks.map((c) => c.id).join(",")}}`;
  const times = `{${checks.map((c) => `"${c.at.toISOString()}"`).join(",")}}`;
  await db.execute(sql`
    UPDATE pakn SET deadline_check_at = v.at
    FROM (SELECT unnest(${ids}::bigint[]) AS id, unnest(${times}::timestamptz[]) AS at) v
    WHERE pakn.id = v.id`);
}

/**
 * Recomputes every open PAKN's deadlines from PostgreSQL alone (pauses from its history), keeps
 * its answer due date current, and raises each reminder point that has come (50%, 80%, due,
 * overdue → escalation) once: a reminder row and its outbox job in one transaction. Losing Redis
 * therefore delays reminders but never drops them.
 */
export async function scanDeadlines(
  deps: DeadlineScanDeps,
  input: DeadlineScanInput = {},
): Promise<DeadlineScanResult> {
  const now = deps.now?.() ?? new Date();
  const batch = input.batch ?? 500;
  const result: DeadlineScanResult = { scanned: 0, reminders: 0, dueDatesMoved: 0 };
  let after = 0;
  for (;;) {
    const rows = await deps.db
      .select({ id: pakn.id, kind: pakn.kind, receivedAt: pakn.receivedAt, answerDueAt: pakn.answerDueAt })
      .from(pakn)
      .where(
        and(
          statusIn(pakn.status, AWAITING_ANSWER),
          gt(pakn.id, after),
          // Only the PAKN with something due (a new reminder point, a paused clock's next day),
          // unless asked for all (at start: the calendar may have been edited meanwhile).
          input.all ? undefined : or(isNull(pakn.deadlineCheckAt), lte(pakn.deadlineCheckAt, now)),
        ),
      )
      .orderBy(asc(pakn.id))
      .limit(batch);
    if (rows.length === 0) return result;
    after = rows.at(-1)?.id ?? after;
    const ids = rows.map((r) => r.id);
    const history = await deps.db
      .select({
        paknId: paknEvents.paknId,
        fromStatus: paknEvents.fromStatus,
        toStatus: paknEvents.toStatus,
        createdAt: paknEvents.createdAt,
      })
      .from(paknEvents)
      .where(
        and(
          inArray(paknEvents.paknId, ids),
          // Only the moves into and out of a pause matter to the deadlines.
          or(
            statusIn(paknEvents.toStatus, PAUSED_STATUSES),
            statusIn(paknEvents.fromStatus, PAUSED_STATUSES),
          ),
        ),
      )
      .orderBy(asc(paknEvents.id));
    const byPakn = new Map<number, StatusChange[]>();
    for (const h of history) byPakn.set(h.paknId, [...(byPakn.get(h.paknId) ?? []), h]);
    // Points already raised are not raised again: without this an overdue PAKN would cost a
    // transaction every minute until it is answered.
    const raisedRows = await deps.db
      .select({ paknId: paknReminders.paknId, point: paknReminders.point })
      .from(paknReminders)
      .where(inArray(paknReminders.paknId, ids));
    const raised = new Set(raisedRows.map((r) => `${r.paknId}:${r.point}`));
    const nextChecks: Array<{ id: number; at: Date }> = [];
    for (const row of rows) {
      result.scanned++;
      if (!isKind(row.kind)) {
        nextChecks.push({ id: row.id, at: new Date(now.getTime() + IDLE_RECHECK_MS) });
        continue;
      }
      let state: DeadlineState;
      try {
        state = deadlineStatus(
          { calendar: deps.calendar, config: deps.config },
          {
            kind: row.kind,
            receivedAt: row.receivedAt,
            pauses: pausesFromHistory(byPakn.get(row.id) ?? []),
            now,
          },
        );
      } catch (err) {
        // One corrupt history must not hold up everybody else's reminders: report it, look again
        // in a day (or at the next worker start) rather than every minute.
        if (!(err instanceof RangeError)) throw err;
        deps.logger?.warn(
          { paknId: row.id, reason: err.message },
          "deadline scan skipped a PAKN whose dates cannot be read",
        );
        nextChecks.push({ id: row.id, at: new Date(now.getTime() + IDLE_RECHECK_MS) });
        continue;
      }
      const moved = state.answerBy.getTime() !== row.answerDueAt.getTime();
      const dueReminders = state.dueReminders.filter((point) => !raised.has(`${row.id}:${point}`));
      nextChecks.push({ id: row.id, at: nextCheck(state, now) });
      if (!moved && dueReminders.length === 0) continue;
      await deps.db.transaction(async (tx) => {
        if (moved) {
          await tx.update(pakn).set({ answerDueAt: state.answerBy }).where(eq(pakn.id, row.id));
          result.dueDatesMoved++;
        }
        for (const point of dueReminders) {
          const raised = await tx
            .insert(paknReminders)
            .values({ paknId: row.id, point })
            .onConflictDoNothing()
            .returning({ id: paknReminders.id });
          if (raised.length === 0) continue;
          await tx.insert(outbox).values({
            queue: QUEUES.remind,
            jobId: `remind-${row.id}-${point}`,
            payload: { paknId: row.id, point },
          });
          result.reminders++;
        }
      });
    }
    await saveNextChecks(deps.db, nextChecks);
  }
}
