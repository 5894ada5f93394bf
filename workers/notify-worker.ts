import { UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { notifyCitizen, type PushMessage } from "../feedback/notify-citizen.js";
import { QUEUES } from "../feedback/queue-names.js";
import type { AgencyDirectory } from "../feedback/routing/agencies.js";

/** The notify job's data: the event to tell the citizen about (job id `notify-<eventId>`). */
export const notifyJobSchema = z.object({ eventId: z.number().int().positive() });

/** Telegram allows about 30 messages a second per bot; the whole queue stays under it. */
export const NOTIFY_RATE = { max: 25, duration: 1_000 };

/** The notify worker: a thin shell over `notifyCitizen`, rate-limited for the channels' sake. */
export function startNotifyWorker(deps: {
  db: Db;
  push: PushMessage;
  agencies?: AgencyDirectory;
  connection: Redis;
  logger: Logger;
  prefix?: string;
}): Worker {
  const worker = new Worker(
    QUEUES.notify,
    async (job) => {
      const parsed = notifyJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError("notify job data is not {eventId}");
      const outcome = await notifyCitizen(deps, parsed.data);
      if (outcome === "missing") throw new UnrecoverableError(`event ${parsed.data.eventId} does not exist`);
      return outcome;
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: 4, limiter: NOTIFY_RATE },
  );
  worker.on("failed", (job, err) =>
    deps.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, "notify job failed"),
  );
  worker.on("error", (err) => deps.logger.warn({ err: err.message }, "notify worker error"));
  return worker;
}
