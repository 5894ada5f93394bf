import { DelayedError, type Job } from "bullmq";
import { SendLater } from "../feedback/send-later.js";

/**
 * Runs a processor's work; when a rate limit says "later" (SendLater), the job is moved to the
 * delayed set until then (plus a little spread, so postponed jobs do not all wake at once) instead
 * of failing: a postponement uses up none of the job's attempts.
 */
export async function postponeOnSendLater<T>(
  job: Job,
  token: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof SendLater) || !token) throw err;
    await job.moveToDelayed(Date.now() + err.waitMs + Math.floor(Math.random() * 250), token);
    throw new DelayedError();
  }
}
