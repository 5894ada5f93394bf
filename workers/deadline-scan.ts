import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { outbox, pakn, paknEvents, paknReminders } from "../db/schema.js";
import { pausesFromHistory, type StatusChange } from "../feedback/clock-pauses.js";
import {
  type DeadlineConfig,
  deadlineStatus,
  FEEDBACK_KINDS,
  type FeedbackKind,
} from "../feedback/deadlines.js";
import { AWAITING_ANSWER } from "../feedback/lifecycle.js";
import { QUEUES } from "../feedback/queue-names.js";
import type { WorkingCalendar } from "../feedback/working-calendar.js";

/** What the scan needs. */
export interface DeadlineScanDeps {
  db: Db;
  calendar: WorkingCalendar;
  config?: DeadlineConfig;
  now?: () => Date;
}

/** What one scan did. */
export interface DeadlineScanResult {
  scanned: number;
  reminders: number;
  dueDatesMoved: number;
}

const isKind = (k: string): k is FeedbackKind => (FEEDBACK_KINDS as readonly string[]).includes(k);

/**
 * Recomputes every open PAKN's deadlines from PostgreSQL alone (pauses from its history), keeps
 * its answer due date current, and raises each reminder point that has come (50%, 80%, due,
 * overdue → escalation) once: a reminder row and its outbox job in one transaction. Losing Redis
 * therefore delays reminders but never drops them.
 */
export async function scanDeadlines(
  deps: DeadlineScanDeps,
  options: { batch?: number } = {},
): Promise<DeadlineScanResult> {
  const now = deps.now?.() ?? new Date();
  const batch = options.batch ?? 500;
  const result: DeadlineScanResult = { scanned: 0, reminders: 0, dueDatesMoved: 0 };
  let after = 0;
  for (;;) {
    const rows = await deps.db
      .select({ id: pakn.id, kind: pakn.kind, receivedAt: pakn.receivedAt, answerDueAt: pakn.answerDueAt })
      .from(pakn)
      .where(and(inArray(pakn.status, [...AWAITING_ANSWER]), gt(pakn.id, after)))
      .orderBy(asc(pakn.id))
      .limit(batch);
    if (rows.length === 0) return result;
    after = rows.at(-1)?.id ?? after;
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
          inArray(
            paknEvents.paknId,
            rows.map((r) => r.id),
          ),
          sql`(${paknEvents.toStatus} = 'returned' OR ${paknEvents.fromStatus} = 'returned')`,
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
      .where(
        inArray(
          paknReminders.paknId,
          rows.map((r) => r.id),
        ),
      );
    const raised = new Set(raisedRows.map((r) => `${r.paknId}:${r.point}`));
    for (const row of rows) {
      result.scanned++;
      if (!isKind(row.kind)) continue;
      const state = deadlineStatus(
        { calendar: deps.calendar, config: deps.config },
        {
          kind: row.kind,
          receivedAt: row.receivedAt,
          pauses: pausesFromHistory(byPakn.get(row.id) ?? []),
          now,
        },
      );
      const moved = state.answerBy.getTime() !== row.answerDueAt.getTime();
      const dueReminders = state.dueReminders.filter((point) => !raised.has(`${row.id}:${point}`));
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
  }
}

/** Runs the scan every `intervalMs` (default one minute); `stop()` waits for a scan in progress. */
export function startDeadlineScan(
  deps: DeadlineScanDeps & { logger: Logger },
  options: { intervalMs?: number } = {},
): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = scanDeadlines(deps)
      .then((r) => {
        if (r.reminders || r.dueDatesMoved) deps.logger.info(r, "deadline scan");
      })
      .catch((err) => deps.logger.warn({ err }, "deadline scan failed; next minute tries again"));
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
