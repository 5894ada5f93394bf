import type { Logger } from "pino";
import type { Channel } from "../bot/channels/channel.js";
import { createTelegramFileFetcher } from "../bot/channels/telegram/download-file.js";
import { createWebPhotos } from "../bot/channels/web-photos.js";
import { createConfiguredZns } from "../bot/channels/zalo-oa/index.js";
import type { Database } from "../db/client.js";
import { createAttachmentStore } from "../feedback/attachment-store.js";
import type { DataFilesInForce } from "../feedback/data-files/data-files-in-force.js";
import { loadWorkingCalendar } from "../feedback/holidays-file.js";
import { hasOfficerChats, type OfficerAlertDeps } from "../feedback/notify-agency.js";
import type { PushMessage } from "../feedback/notify-citizen.js";
import { QUEUES } from "../feedback/queue-names.js";
import type { AgencyDirectory } from "../feedback/routing/agencies.js";
import { createRouter } from "../feedback/routing/router.js";
import type { KnowledgeBase } from "../knowledge/decision-types.js";
import { RecipientUnreachableError } from "../lib/errors.js";
import { photoFetcher, startAttachmentsWorker } from "../workers/attachments-worker.js";
import { startClassifyWorker } from "../workers/classify-worker.js";
import { startDeadlineScan } from "../workers/deadline-scan.js";
import { startLessonNotifyWorker } from "../workers/lesson-notify-worker.js";
import { startNotifyWorker } from "../workers/notify-worker.js";
import { startOutboxRelay } from "../workers/outbox-relay.js";
import { closeQueues, createQueueConnection, createQueues } from "../workers/queues.js";
import { startReconciler } from "../workers/reconciler.js";
import { startRemindWorker } from "../workers/remind-worker.js";
import { createSendSlots } from "../workers/send-slots.js";
import { throttledPush } from "../workers/throttled-push.js";
import { type Config, uploadsDirOf } from "./config.js";

/**
 * Sends through whichever channel the citizen used; false when that channel cannot push. With
 * `live`, a channel that can tell whether the person is there now (the web chat page is open) is
 * asked first, and a closed window throws RecipientUnreachableError.
 */
export function pushThrough(channels: readonly Channel[]): PushMessage {
  return async (name, conversation, replies, options) => {
    const channel = channels.find((c) => c.name === name);
    if (!channel?.push) return false;
    if (options?.live && channel.isLive && !(await channel.isLive(conversation)))
      throw new RecipientUnreachableError("window_closed");
    await channel.push(conversation, replies);
    return true;
  };
}

/** Officers' chats from the config, with a warning for agency ids the agency list does not know. */
function officerChats(config: Config, agencies: AgencyDirectory, logger: Logger) {
  const unknown = Object.keys(config.AGENCY_TELEGRAM_CHATS).filter((id) => !agencies.get(id));
  if (unknown.length) logger.warn({ agencies: unknown }, "AGENCY_TELEGRAM_CHATS names unknown agency ids");
  return { agencies: config.AGENCY_TELEGRAM_CHATS, coordinator: config.COORDINATOR_TELEGRAM_CHAT };
}

/**
 * The worker role: the outbox relay; the classify, notify (citizens, and officers on assignment
 * and triage), remind and attachments workers; the minute deadline scan and the reconciler, stopped
 * in reverse order (new work first, then the jobs in hand, then the connection). Telegram sends keep
 * Telegram's limits across processes (Redis send slots).
 */
export async function startWorkerRole(deps: {
  config: Config;
  database: Database;
  kb: KnowledgeBase;
  /** The agencies, routing rules and calendar in force (an admin's edits or the bundled files). */
  files?: Pick<DataFilesInForce, "agencies" | "routingRules" | "calendar">;
  channels: readonly Channel[];
  logger: Logger;
}): Promise<{ stop: () => Promise<void> }> {
  const { config, database, logger } = deps;
  const db = database.db;
  const connection = createQueueConnection(config.REDIS_URL);
  connection.on("error", (err) => logger.warn({ err: err.message }, "queue connection error"));
  const queues = createQueues(connection);
  const router = createRouter({
    knowledge: deps.kb,
    ...(deps.files ? { agencies: deps.files.agencies, rules: deps.files.routingRules } : {}),
  });
  const agencies = router.deps.agencies;
  const push = throttledPush(pushThrough(deps.channels), createSendSlots(connection));
  const chats = officerChats(config, agencies, logger);
  const officers: OfficerAlertDeps = { db, push, chats, agencies };
  if (hasOfficerChats(chats) && !deps.channels.some((c) => c.name === "telegram" && c.push))
    logger.warn("officer chats are set but the Telegram channel is not: officer alerts cannot be sent");
  const officerAlerts = hasOfficerChats(chats);
  const relay = startOutboxRelay({ db, queues, logger, officerAlerts });
  const zns = createConfiguredZns({ config, db, logger });
  const notifyDeps = {
    db,
    push,
    ...(zns ? { zns } : {}),
    agencies,
    ...(officerAlerts ? { officers } : {}),
  };
  // The routing step is told by the classify job itself; later steps go through notify jobs.
  const classify = startClassifyWorker({
    db,
    router,
    connection,
    logger,
    notify: { ...notifyDeps, queue: queues[QUEUES.notify] },
  });
  const notify = startNotifyWorker({ ...notifyDeps, connection, logger });
  const remind = startRemindWorker({ ...officers, connection, logger });
  const lessons = startLessonNotifyWorker({
    db,
    push,
    procedureOf: (code) => deps.kb.get(code),
    connection,
    logger,
  });
  const token = config.TELEGRAM_BOT_TOKEN;
  const maxBytes = config.UPLOAD_MAX_BYTES;
  const attachments = startAttachmentsWorker({
    db,
    store: createAttachmentStore({ dir: uploadsDirOf(config), maxBytes }),
    fetchPhoto: photoFetcher({
      telegram: token
        ? createTelegramFileFetcher({ token, apiRoot: config.TELEGRAM_API_ROOT, maxBytes })
        : undefined,
      web: createWebPhotos(connection, { maxBytes }),
      maxBytes,
    }),
    connection,
    logger,
  });
  const scan = startDeadlineScan({ db, calendar: deps.files?.calendar ?? loadWorkingCalendar(), logger });
  // Redis keeps nothing on disk here: after it comes back, rebuild what it lost from PostgreSQL.
  const reconciler = startReconciler({
    db,
    queues,
    logger,
    officerAlerts,
    onReady: (tick) => connection.on("ready", tick),
  });
  logger.info(
    "workers running: outbox relay, classify, notify, remind, attachments, lesson notify, deadline scan, reconciler",
  );
  return {
    async stop() {
      await scan.stop();
      await reconciler.stop();
      await relay.stop();
      // Worker.close waits for the jobs in hand; BullMQ returns unfinished ones to the queue.
      await Promise.all([
        classify.close(),
        notify.close(),
        remind.close(),
        attachments.close(),
        lessons.close(),
      ]);
      await closeQueues(queues);
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
