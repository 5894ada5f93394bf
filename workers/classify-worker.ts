import { UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { QUEUES } from "../feedback/queue-names.js";
import { routePakn } from "../feedback/route-pakn.js";
import type { Router } from "../feedback/routing/router.js";
import { privateFailures } from "./private-failures.js";
import { STALLED_JOB_OPTIONS } from "./queues.js";

/** The classify job's data: the PAKN to route (job id `classify-<paknId>`). */
export const classifyJobSchema = z.object({ paknId: z.number().int().positive() });

/** Default concurrency: routing is CPU-light, the database round trips dominate. */
export const CLASSIFY_CONCURRENCY = 8;

/** The classify worker: a thin shell over `routePakn`; a malformed job or a missing PAKN cannot succeed later. */
export function startClassifyWorker(
  deps: { db: Db; router: Router; connection: Redis; logger: Logger; prefix?: string },
  options: { concurrency?: number } = {},
): Worker {
  const worker = new Worker(
    QUEUES.classify,
    privateFailures(async (job) => {
      const parsed = classifyJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError("classify job data is not {paknId}");
      const outcome = await routePakn(deps, parsed.data);
      if (outcome.kind === "missing")
        throw new UnrecoverableError(`PAKN ${parsed.data.paknId} does not exist`);
      return outcome;
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
