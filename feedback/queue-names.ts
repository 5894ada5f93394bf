/**
 * The BullMQ queues of the PAKN pipeline, in one place: the outbox names them, workers consume them.
 * Job ids are derived from database ids (`classify-12`, never with ":"), so retries are idempotent.
 * Publishing has no queue: it is a leader's explicit console action, done in the request.
 */
export const QUEUES = {
  classify: "pakn-classify",
  notify: "pakn-notify",
  remind: "pakn-remind",
  attachments: "pakn-attachments",
  /** An editor's answer to an unanswered question, for a citizen who asked to be told (`lesson-<followerId>`). */
  lessonNotify: "kb-lesson-notify",
} as const;

/** A queue of the pipeline. */
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Whether a string names a queue of the pipeline (outbox rows are data, so they are checked). */
export function isQueueName(value: string): value is QueueName {
  return (Object.values(QUEUES) as string[]).includes(value);
}
