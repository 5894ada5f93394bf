import { type JobsOptions, Queue } from "bullmq";
import { Redis } from "ioredis";
import { QUEUES, type QueueName } from "../feedback/queue-names.js";

/** Retries with backoff for anything that is not an UnrecoverableError; finished jobs are kept a while for inspection. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: { age: 24 * 60 * 60, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 60 * 60 },
};

/**
 * Workers' job locks: a job whose worker died (SIGKILL, a lost host) is handed to another worker
 * within about lockDuration + 2 × stalledInterval (≈ 25 s) instead of BullMQ's default ≈ 60 s; a live
 * worker renews its locks every lockDuration / 2.
 */
export const STALLED_JOB_OPTIONS = { lockDuration: 15_000, stalledInterval: 5_000 } as const;

/** A BullMQ connection: workers must wait for Redis rather than fail a command (BullMQ's requirement). */
export function createQueueConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: false });
}

/** The pipeline's queues by name. */
export type PipelineQueues = Record<QueueName, Queue>;

/** Opens every queue of the pipeline on one connection, under an optional key prefix (tests). */
export function createQueues(connection: Redis, options: { prefix?: string } = {}): PipelineQueues {
  const open = (name: QueueName) =>
    new Queue(name, { connection, prefix: options.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  return Object.fromEntries(Object.values(QUEUES).map((name) => [name, open(name)])) as PipelineQueues;
}

/** Closes every queue. */
export async function closeQueues(queues: PipelineQueues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
