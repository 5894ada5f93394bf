import { UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { z } from "zod";
import type { OfficerAlertDeps } from "../feedback/notify-agency.js";
import { QUEUES } from "../feedback/queue-names.js";
import { sendReminder } from "../feedback/send-reminder.js";
import { postponeOnSendLater } from "./postpone-send.js";
import { privateFailures } from "./private-failures.js";

/** The remind job's data: the PAKN and the reminder point the deadline scan raised (`remind-<paknId>-<point>`). */
export const remindJobSchema = z.object({
  paknId: z.number().int().positive(),
  point: z.enum(["half", "eighty", "due", "overdue"]),
});

/**
 * The remind worker: a thin shell over `sendReminder`; a job whose chat is rate-limited waits in
 * the delayed set, a malformed job or an unknown reminder fails for good.
 */
export function startRemindWorker(
  deps: OfficerAlertDeps & { connection: Redis; logger: Logger; prefix?: string },
): Worker {
  const worker = new Worker(
    QUEUES.remind,
    privateFailures(async (job, token) => {
      const parsed = remindJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError("remind job data is not {paknId, point}");
      const outcome = await postponeOnSendLater(job, token, () => sendReminder(deps, parsed.data));
      if (outcome === "missing")
        throw new UnrecoverableError(
          `reminder ${parsed.data.point} of PAKN ${parsed.data.paknId} does not exist`,
        );
      return outcome;
    }),
    { connection: deps.connection, prefix: deps.prefix, concurrency: 4 },
  );
  worker.on("failed", (job, err) =>
    deps.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, "remind job failed"),
  );
  worker.on("error", (err) => deps.logger.warn({ err: err.message }, "remind worker error"));
  return worker;
}
