import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/migrate.js";
import { isQueueName } from "../feedback/queue-names.js";
import type { PipelineQueues } from "./queues.js";

interface OutboxRow {
  id: number | string;
  queue: string;
  job_id: string;
  payload: Record<string, unknown>;
}

/**
 * Moves committed outbox rows into their queues: rows are locked with `FOR UPDATE SKIP LOCKED` (so
 * several relays share the work), added with their deterministic job id (BullMQ ignores a job id it
 * already has) and marked relayed in the same transaction; if Redis refuses, nothing is marked and
 * the next round tries again. Returns how many rows were relayed.
 */
export async function relayOutbox(
  deps: { db: Db; queues: PipelineQueues },
  options: { batch?: number } = {},
): Promise<number> {
  const batch = options.batch ?? 200;
  return deps.db.transaction(async (tx) => {
    const rows = rowsOf<OutboxRow>(
      await tx.execute(
        sql`SELECT id, queue, job_id, payload FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED`,
      ),
    );
    if (rows.length === 0) return 0;
    await Promise.all(
      rows.map((row) => {
        if (!isQueueName(row.queue)) throw new Error(`outbox row ${row.id} names an unknown queue`);
        return deps.queues[row.queue].add(row.queue, row.payload, { jobId: row.job_id });
      }),
    );
    const ids = rows.map((r) => Number(r.id));
    await tx.execute(
      sql`UPDATE outbox SET relayed_at = now() WHERE id = ANY(${`{${ids.join(",")}}`}::bigint[])`,
    );
    return rows.length;
  });
}

/** Runs the relay in a loop: at once while there is work, every `intervalMs` when idle; `stop()` waits for the round in progress. */
export function startOutboxRelay(
  deps: { db: Db; queues: PipelineQueues; logger: Logger },
  options: { intervalMs?: number; batch?: number } = {},
): { stop: () => Promise<void> } {
  const intervalMs = options.intervalMs ?? 250;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let moved = 0;
      try {
        moved = await relayOutbox(deps, options);
      } catch (err) {
        deps.logger.warn({ err }, "outbox relay round failed; retrying");
      }
      if (moved === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, intervalMs);
        });
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}
