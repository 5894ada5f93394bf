import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/migrate.js";
import { isQueueName } from "../feedback/queue-names.js";
import { startLoop } from "../lib/stoppable-loop.js";
import type { PipelineQueues } from "./queues.js";
import { reconcileJobs } from "./reconciler.js";

/** Rows moved per round at most. */
export const RELAY_BATCH = 500;

interface OutboxRow {
  id: number | string;
  queue: string;
  job_id: string;
  payload: Record<string, unknown>;
}

/**
 * Moves committed outbox rows into their queues in two round trips per batch: one statement takes
 * the oldest unrelayed rows (`FOR UPDATE SKIP LOCKED`, so several relays share the work) and marks
 * them relayed, then one `addBulk` per queue adds them under their deterministic job ids (BullMQ
 * ignores an id it already has). If Redis refuses, the rows are unmarked for the next round; if this
 * process dies in between, the reconciler rebuilds relayed rows whose work is undone. Returns how
 * many rows were relayed.
 */
export async function relayOutbox(
  deps: { db: Db; queues: PipelineQueues },
  options: { batch?: number } = {},
): Promise<number> {
  const batch = options.batch ?? RELAY_BATCH;
  const rows = rowsOf<OutboxRow>(
    await deps.db.execute(sql`
      UPDATE outbox SET relayed_at = now()
      WHERE id IN (
        SELECT id FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED)
      RETURNING id, queue, job_id, payload`),
  ).sort((a, b) => Number(a.id) - Number(b.id));
  if (rows.length === 0) return 0;
  const known = rows.filter((row) => isQueueName(row.queue));
  const unknown = rows.filter((row) => !isQueueName(row.queue));
  const byQueue = new Map<string, OutboxRow[]>();
  for (const row of known) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
  try {
    // One round trip per queue rather than per job.
    await Promise.all(
      [...byQueue].map(([name, group]) =>
        deps.queues[name as keyof PipelineQueues].addBulk(
          group.map((row) => ({ name, data: row.payload, opts: { jobId: row.job_id } })),
        ),
      ),
    );
  } catch (err) {
    const ids = `{${known.map((r) => Number(r.id)).join(",")}}`;
    await deps.db
      .execute(sql`UPDATE outbox SET relayed_at = NULL WHERE id = ANY(${ids}::bigint[])`)
      .catch(() => undefined);
    throw err;
  }
  // A row naming an unknown queue is a programming error: it stays marked, out of every round.
  if (unknown.length)
    throw new Error(`outbox rows ${unknown.map((r) => r.id).join(", ")} name an unknown queue`);
  return rows.length;
}

/**
 * Whether Redis lost our keys since the last look (FLUSHDB, a restart faster than the reconnect,
 * eviction): a marker key that only we write is set again; finding it gone means the queues were
 * emptied under us. The first look of a process also says true (a cheap, harmless reconcile).
 */
export async function redisWasEmptied(
  queues: PipelineQueues,
): Promise<{ emptied: boolean; forget(): Promise<void> }> {
  const queue = Object.values(queues)[0];
  const redis = queue?.opts.connection;
  if (!(redis instanceof Redis)) return { emptied: false, forget: async () => {} };
  const marker = `${queue?.opts.prefix ?? "bull"}:pakn-pipeline:alive`;
  const emptied = (await redis.set(marker, String(Date.now()), "NX")) === "OK";
  return {
    emptied,
    forget: async () => {
      await redis.del(marker);
    },
  };
}

/**
 * Runs the relay in a loop: at once after a full batch, else `intervalMs` later (so a steady
 * stream is moved in batches of what arrived meanwhile, not one statement per row); `stop()`
 * waits for the round in progress. Every `lossCheckMs` it also looks whether Redis was emptied and
 * then rebuilds the lost jobs at once (the reconciler's minute tick would leave them waiting).
 */
export function startOutboxRelay(
  deps: { db: Db; queues: PipelineQueues; logger: Logger; officerAlerts?: boolean },
  options: { intervalMs?: number; batch?: number; lossCheckMs?: number } = {},
): { stop: () => Promise<void> } {
  const intervalMs = options.intervalMs ?? 50;
  const lossCheckMs = options.lossCheckMs ?? 500;
  const batch = options.batch ?? RELAY_BATCH;
  let lastLossCheck = 0;
  const rebuildIfEmptied = async () => {
    if (Date.now() - lastLossCheck < lossCheckMs) return;
    lastLossCheck = Date.now();
    const look = await redisWasEmptied(deps.queues);
    if (!look.emptied) return;
    // Not rebuilt: forget the marker so that the next look tries again.
    const rebuilt = await reconcileJobs(deps).catch(async (err) => {
      await look.forget().catch(() => undefined);
      throw err;
    });
    if (rebuilt > 0) deps.logger.warn({ rebuilt }, "Redis was emptied; rebuilt the jobs it lost");
  };
  const loop = startLoop(async () => {
    let moved = 0;
    try {
      await rebuildIfEmptied();
      moved = await relayOutbox(deps, options);
    } catch (err) {
      deps.logger.warn({ err }, "outbox relay round failed; retrying");
    }
    return moved < batch ? "pause" : "again";
  }, intervalMs);
  return { stop: () => loop.stop() };
}
