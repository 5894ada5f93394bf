import { UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { z } from "zod";
import { downloadImage } from "../bot/channels/download-image.js";
import type { TelegramFileFetcher } from "../bot/channels/telegram/download-file.js";
import { WEB_PHOTO_REFERENCE, type WebPhotos } from "../bot/channels/web-photos.js";
import type { Db } from "../db/client.js";
import { AttachmentRejected } from "../feedback/attachment-rejected.js";
import type { AttachmentStore } from "../feedback/attachment-store.js";
import { QUEUES } from "../feedback/queue-names.js";
import { type FetchPhoto, storePaknPhotos } from "../feedback/store-pakn-photos.js";
import { scrubText } from "../lib/log-text.js";
import { privateFailures } from "./private-failures.js";

/** The attachments job's data: the PAKN whose photos to fetch (job id `attachments-<paknId>`). */
export const attachmentsJobSchema = z.object({ paknId: z.number().int().positive() });

const TELEGRAM_REFERENCE = "file-id:";

/**
 * Resolves a photo reference to its bytes: `file-id:<id>` through Telegram's getFile (when the bot
 * is configured), `web-photo:<id>` from the web chat's uploads, an http(s) URL (Zalo) by a bounded
 * download; anything else is refused.
 */
export function photoFetcher(options: {
  telegram?: TelegramFileFetcher;
  web?: Pick<WebPhotos, "fetch">;
  maxBytes: number;
  timeoutMs?: number;
}): FetchPhoto {
  return async (reference) => {
    if (reference.startsWith(WEB_PHOTO_REFERENCE)) {
      if (!options.web) throw new AttachmentRejected("channel_unavailable");
      return options.web.fetch(reference);
    }
    if (reference.startsWith(TELEGRAM_REFERENCE)) {
      if (!options.telegram) throw new AttachmentRejected("channel_unavailable");
      return options.telegram(reference.slice(TELEGRAM_REFERENCE.length));
    }
    if (/^https?:\/\//i.test(reference)) return downloadImage(reference, options);
    throw new AttachmentRejected("unsupported_reference");
  };
}

/**
 * The attachments worker: a thin shell over `storePaknPhotos`. Transient failures are retried
 * with the queue's backoff; on the last attempt the photos still missing are recorded as
 * unavailable, so no job retries forever.
 */
export function startAttachmentsWorker(deps: {
  db: Db;
  store: AttachmentStore;
  fetchPhoto: FetchPhoto;
  connection: Redis;
  logger: Logger;
  prefix?: string;
  concurrency?: number;
}): Worker {
  const worker = new Worker(
    QUEUES.attachments,
    privateFailures(async (job) => {
      const parsed = attachmentsJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError("attachments job data is not {paknId}");
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const outcome = await storePaknPhotos(deps, { ...parsed.data, lastAttempt });
      if (outcome === "missing") throw new UnrecoverableError(`PAKN ${parsed.data.paknId} does not exist`);
      return outcome;
    }),
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency ?? 2 },
  );
  // Error messages here name hosts at most (DownloadError, grammY's), never a file URL or token.
  worker.on("failed", (job, err) =>
    deps.logger.warn(
      { jobId: job?.id, attempts: job?.attemptsMade, err: scrubText(err.message) },
      "attachments job failed",
    ),
  );
  worker.on("error", (err) => deps.logger.warn({ err: err.message }, "attachments worker error"));
  return worker;
}
