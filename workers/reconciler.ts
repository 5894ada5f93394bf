import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/migrate.js";
import { AWAITING_ANSWER } from "../feedback/lifecycle.js";
import { alertsOfficersSql } from "../feedback/notify-agency.js";
import { isQueueName, QUEUES } from "../feedback/queue-names.js";
import { statusIn } from "../feedback/status-sql.js";
import type { PipelineQueues } from "./queues.js";

interface PendingRow {
  queue: string;
  job_id: string;
  payload: Record<string, unknown>;
}

/**
 * Relayed outbox jobs whose work is still undone in PostgreSQL: a PAKN still waiting to be routed,
 * a citizen not yet told, an agency or coordinator not yet alerted of an assignment, a triage or a
 * supplement (only when officer alerts are on: without chats nobody is alerted, so nothing waits), a
 * reminder not yet delivered, a photo neither stored nor refused, a follower not yet told of the
 * answer to their question. These are what a Redis flush or
 * restart (it keeps nothing on disk) would lose.
 */
const undone = (officerAlerts: boolean) => sql`
  SELECT o.queue, o.job_id, o.payload FROM outbox o
  WHERE o.relayed_at IS NOT NULL AND o.created_at > now() - interval '14 days' AND (
    (o.queue = ${QUEUES.classify} AND EXISTS (
      SELECT 1 FROM pakn p WHERE p.id = (o.payload->>'paknId')::bigint AND p.status = 'received'))
    OR (o.queue = ${QUEUES.notify} AND o.payload->>'eventId' IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM notifications n WHERE n.event_id = (o.payload->>'eventId')::bigint
        AND n.audience = 'citizen' AND n.status IN ('sent', 'waiting', 'unreachable', 'skipped')))
    OR (o.queue = ${QUEUES.notify} AND o.payload->>'attemptId' IS NOT NULL AND EXISTS (
      SELECT 1 FROM delivery_attempts a WHERE a.id = (o.payload->>'attemptId')::bigint
        AND a.outcome IN ('requested', 'sending')))
    OR (${officerAlerts} AND o.queue = ${QUEUES.notify} AND o.payload->>'eventId' IS NOT NULL AND EXISTS (
      SELECT 1 FROM pakn_events ev WHERE ev.id = (o.payload->>'eventId')::bigint
        AND ${alertsOfficersSql("ev")})
      AND NOT EXISTS (
      SELECT 1 FROM notifications n WHERE n.event_id = (o.payload->>'eventId')::bigint
        AND n.audience IN ('agency', 'coordinator') AND n.status IN ('sent', 'unreachable')))
    OR (o.queue = ${QUEUES.remind} AND EXISTS (
      SELECT 1 FROM pakn p WHERE p.id = (o.payload->>'paknId')::bigint
        AND ${statusIn(sql`p.status`, AWAITING_ANSWER)})
      AND NOT EXISTS (
      SELECT 1 FROM pakn_reminders r JOIN reminder_deliveries d ON d.reminder_id = r.id
      WHERE r.pakn_id = (o.payload->>'paknId')::bigint AND r.point = o.payload->>'point'
        AND d.status IN ('sent', 'unreachable')))
    OR (o.queue = ${QUEUES.attachments} AND EXISTS (
      SELECT 1 FROM pakn p, jsonb_array_elements(p.attachments) a
      WHERE p.id = (o.payload->>'paknId')::bigint AND a->>'kind' = 'image'
        AND a->>'path' IS NULL AND a->>'rejected' IS NULL))
    OR (o.queue = ${QUEUES.lessonNotify} AND NOT EXISTS (
      SELECT 1 FROM kb_notices k WHERE k.follower_id = (o.payload->>'followerId')::bigint
        AND k.audience = 'citizen' AND k.status IN ('sent', 'unreachable', 'skipped')))
  )
  ORDER BY o.id LIMIT 5000`;

/** Whether a job's data is its outbox row's payload (key order aside). */
function sameData(data: unknown, payload: Record<string, unknown>): boolean {
  if (!data || typeof data !== "object") return false;
  const sorted = (o: object) => JSON.stringify(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return sorted(data) === sorted(payload);
}

/** Job states in which a job will still run by itself. */
const LIVE_STATES = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

/**
 * Rebuilds the jobs Redis lost from PostgreSQL: every undone job that its queue no longer holds is
 * added again under its own id (processors are idempotent, so a job that merely finished late does
 * no harm). Returns how many were rebuilt.
 */
export async function reconcileJobs(deps: {
  db: Db;
  queues: PipelineQueues;
  /** Whether officers' chats are configured (default true); without them no alert is ever undone. */
  officerAlerts?: boolean;
}): Promise<number> {
  const rows = rowsOf<PendingRow>(await deps.db.execute(undone(deps.officerAlerts ?? true)));
  let rebuilt = 0;
  for (const row of rows) {
    if (!isQueueName(row.queue)) continue;
    const queue = deps.queues[row.queue];
    const existing = await queue.getJob(row.job_id);
    if (existing) {
      const state = await existing.getState();
      // A flush can leave a husk: a job a worker was finishing or failing writes its hash back
      // without its data. Only a job that still carries its payload is the real one.
      const intact = sameData(existing.data, row.payload);
      // Waiting or in hand: it will run. Failed with its data: its attempts are spent, an operator looks at it.
      if (intact && (LIVE_STATES.has(state) || state === "failed")) continue;
      // Completed although the database says undone, or a husk: adding under the same id would be
      // ignored, so remove it first.
      await existing.remove().catch(() => undefined);
    }
    await queue.add(row.queue, row.payload, { jobId: row.job_id });
    rebuilt++;
  }
  return rebuilt;
}

/** Reconciles every `intervalMs` (default one minute) and right after Redis comes back. */
export function startReconciler(
  deps: {
    db: Db;
    queues: PipelineQueues;
    logger: Logger;
    officerAlerts?: boolean;
    onReady?: (listener: () => void) => void;
  },
  options: { intervalMs?: number } = {},
): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() =>
      reconcileJobs(deps)
        .then((n) => {
          if (n > 0) deps.logger.warn({ rebuilt: n }, "rebuilt jobs Redis had lost");
        })
        .catch((err) => deps.logger.warn({ err: err.message }, "reconcile failed; next round tries again")),
    );
  };
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref();
  deps.onReady?.(tick);
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
