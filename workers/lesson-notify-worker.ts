import { DelayedError, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { z } from "zod";
import { type NotifyFollowerDeps, notifyFollower } from "../feedback/learning/notify-follower.js";
import { QUEUES } from "../feedback/queue-names.js";
import { BUSY_RECHECK_MS } from "./notify-worker.js";
import { postponeOnSendLater } from "./postpone-send.js";
import { privateFailures } from "./private-failures.js";
import { STALLED_JOB_OPTIONS } from "./queues.js";

/** The job's data: the citizen who asked to be told (job id `lesson-<followerId>`). */
export const lessonNotifyJobSchema = z.object({ followerId: z.number().int().positive() });

/** The lesson-notify worker: a thin shell over `notifyFollower` (once per follower, whatever the retries). */
export function startLessonNotifyWorker(
  deps: NotifyFollowerDeps & { connection: Redis; logger: Logger; prefix?: string },
): Worker {
  const worker = new Worker(
    QUEUES.lessonNotify,
    privateFailures(async (job, token) => {
      const parsed = lessonNotifyJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError("lesson notify job data is not {followerId}");
      const outcome = await postponeOnSendLater(job, token, () => notifyFollower(deps, parsed.data));
      if (outcome === "missing")
        throw new UnrecoverableError(`follower ${parsed.data.followerId} has no resolved question`);
      if (outcome === "busy" && token) {
        await job.moveToDelayed(Date.now() + BUSY_RECHECK_MS, token);
        throw new DelayedError();
      }
      return outcome;
    }),
    { connection: deps.connection, prefix: deps.prefix, concurrency: 4, ...STALLED_JOB_OPTIONS },
  );
  worker.on("failed", (job, err) =>
    deps.logger.warn(
      { jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
      "lesson notify job failed",
    ),
  );
  worker.on("error", (err) => deps.logger.warn({ err: err.message }, "lesson notify worker error"));
  return worker;
}
