import { DelayedError, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { z } from "zod";
import { runResend } from "../feedback/citizen-delivery/run-resend.js";
import { type NotifyEventDeps, notifyEvent } from "../feedback/notify-event.js";
import { QUEUES } from "../feedback/queue-names.js";
import { postponeOnSendLater } from "./postpone-send.js";
import { privateFailures } from "./private-failures.js";
import { STALLED_JOB_OPTIONS } from "./queues.js";

/** The notify job's data: the event to tell the citizen about (job id `notify-<eventId>`). */
export const notifyJobSchema = z.object({ eventId: z.number().int().positive() });

/** An officer's resend of a notification by the route they chose (job id `resend-<attemptId>`). */
export const resendJobSchema = z.object({ attemptId: z.number().int().positive() });

/**
 * Sends in hand at once: a push is mostly waiting on the channel's API (≈100-300 ms for the real
 * ones), so many run side by side. Channel limits are kept per channel by the push itself (Telegram
 * ~30/s per bot), not by a limiter on the whole queue, which would hold Zalo to Telegram's rate.
 */
export const NOTIFY_CONCURRENCY = 32;

/** When another job holds the event's send (a rebuilt twin of a job in hand), look again this much later. */
export const BUSY_RECHECK_MS = 5_000;

/** The notify worker: a thin shell over `notifyEvent` and `runResend`; channel rate limits are the given push's business (`throttledPush`). */
export function startNotifyWorker(
  deps: NotifyEventDeps & {
    connection: Redis;
    logger: Logger;
    prefix?: string;
  },
): Worker {
  const worker = new Worker(
    QUEUES.notify,
    privateFailures(async (job, token) => {
      const resend = resendJobSchema.safeParse(job.data);
      if (resend.success) {
        const outcome = await runResend(deps, resend.data);
        if (outcome === "missing")
          throw new UnrecoverableError(`resend ${resend.data.attemptId} does not exist`);
        return outcome;
      }
      const parsed = notifyJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError("notify job data is not {eventId} or {attemptId}");
      const outcome = await postponeOnSendLater(job, token, () => notifyEvent(deps, parsed.data));
      if (outcome === "missing") throw new UnrecoverableError(`event ${parsed.data.eventId} does not exist`);
      if (outcome === "busy" && token) {
        // Postponed, not failed: the sender in hand finishes it, or its claim runs out and this job takes over.
        await job.moveToDelayed(Date.now() + BUSY_RECHECK_MS, token);
        throw new DelayedError();
      }
      return outcome;
    }),
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: NOTIFY_CONCURRENCY,
      ...STALLED_JOB_OPTIONS,
    },
  );
  worker.on("failed", (job, err) =>
    deps.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, "notify job failed"),
  );
  worker.on("error", (err) => deps.logger.warn({ err: err.message }, "notify worker error"));
  return worker;
}
