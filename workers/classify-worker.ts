import { type Queue, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { type NotifyEventDeps, notifyEvent } from "../feedback/notify-event.js";
import { QUEUES } from "../feedback/queue-names.js";
import { type RoutingMove, routePakn } from "../feedback/route-pakn.js";
import type { Router } from "../feedback/routing/router.js";
import { SendLater } from "../feedback/send-later.js";
import { privateFailures } from "./private-failures.js";
import { STALLED_JOB_OPTIONS } from "./queues.js";

/** The classify job's data: the PAKN to route (job id `classify-<paknId>`). */
export const classifyJobSchema = z.object({ paknId: z.number().int().positive() });

/**
 * Default concurrency: routing is CPU-light and, with the routing step told in hand, a job mostly
 * waits on the channel's API (≈100-300 ms for the real ones), as a notify job does.
 */
export const CLASSIFY_CONCURRENCY = 32;

/**
 * Telling of the routing step in the classify job itself, right after the commit, instead of a
 * notify job: the notify worker's deps and the notify queue, where the step goes when telling
 * fails for now (a channel down, a rate limit) and is retried as any notify job.
 */
export interface NotifyInHand extends NotifyEventDeps {
  queue: Queue;
}

/**
 * Tells of a routing step now; when that fails for now, hands it to the notify queue (after the
 * rate limit's wait, or a second). Should even that fail, the reconciler rebuilds the job.
 */
async function tellInHand(deps: NotifyInHand, moved: RoutingMove, logger: Logger): Promise<void> {
  const eventId = moved.event.id;
  try {
    await notifyEvent(deps, { eventId, found: moved, claimed: moved.claimed });
  } catch (err) {
    const delay = err instanceof SendLater ? err.waitMs : 1_000;
    logger.info(
      { eventId, err: err instanceof Error ? err.message : String(err) },
      "routing step queued to tell later",
    );
    await deps.queue
      .add(QUEUES.notify, { eventId }, { jobId: `notify-${eventId}`, delay })
      .catch((failed) =>
        logger.warn(
          { eventId, err: failed.message },
          "could not queue the routing step; the reconciler will",
        ),
      );
  }
}

/**
 * The classify worker: a thin shell over `routePakn`; a malformed job or a missing PAKN cannot
 * succeed later. With `notify`, it tells of the routing step itself (one job, no re-read).
 */
export function startClassifyWorker(
  deps: {
    db: Db;
    router: Router;
    connection: Redis;
    logger: Logger;
    prefix?: string;
    notify?: NotifyInHand;
  },
  options: { concurrency?: number } = {},
): Worker {
  const notify = deps.notify;
  const worker = new Worker(
    QUEUES.classify,
    privateFailures(async (job) => {
      const parsed = classifyJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError("classify job data is not {paknId}");
      const outcome = await routePakn({ ...deps, notifyInHand: notify !== undefined }, parsed.data);
      if (outcome.kind === "missing")
        throw new UnrecoverableError(`PAKN ${parsed.data.paknId} does not exist`);
      if (!("moved" in outcome)) return outcome;
      if (notify) await tellInHand(notify, outcome.moved, deps.logger);
      // The job's return value is kept in Redis: the outcome, never the PAKN it carries.
      const { moved: _, ...kept } = outcome;
      return kept;
    }),
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: options.concurrency ?? CLASSIFY_CONCURRENCY,
      ...STALLED_JOB_OPTIONS,
    },
  );
  worker.on("failed", (job, err) =>
    deps.logger.warn(
      { jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
      "classify job failed",
    ),
  );
  worker.on("error", (err) => deps.logger.warn({ err: err.message }, "classify worker error"));
  return worker;
}
