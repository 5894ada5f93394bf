import type { Job } from "bullmq";
import { serializeError } from "../lib/log-serializers.js";

type Processor<T> = (job: Job, token?: string) => Promise<T>;

/**
 * Wraps a processor so that a failure's message and stack lose the values a failed query was sent
 * with before BullMQ stores them in Redis (`failedReason`, `stacktrace`, shown on the queue board).
 */
export function privateFailures<T>(processor: Processor<T>): Processor<T> {
  return async (job, token) => {
    try {
      return await processor(job, token);
    } catch (err) {
      if (err instanceof Error) {
        const safe = serializeError(err) as { message: string; stack?: string };
        err.message = safe.message;
        if (safe.stack !== undefined) err.stack = safe.stack;
      }
      throw err;
    }
  };
}
