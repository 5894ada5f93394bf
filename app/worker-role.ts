import type { Logger } from "pino";
import type { Channel } from "../bot/channels/channel.js";
import type { Database } from "../db/client.js";
import { loadWorkingCalendar } from "../feedback/holidays-file.js";
import type { PushMessage } from "../feedback/notify-citizen.js";
import { createRouter } from "../feedback/routing/router.js";
import type { KnowledgeBase } from "../knowledge/decision-types.js";
import { startClassifyWorker } from "../workers/classify-worker.js";
import { startDeadlineScan } from "../workers/deadline-scan.js";
import { startNotifyWorker } from "../workers/notify-worker.js";
import { startOutboxRelay } from "../workers/outbox-relay.js";
import { closeQueues, createQueueConnection, createQueues } from "../workers/queues.js";
import { startReconciler } from "../workers/reconciler.js";

/** Sends through whichever channel the citizen used; false when that channel cannot push. */
export function pushThrough(channels: readonly Channel[]): PushMessage {
  return async (name, conversation, replies) => {
    const channel = channels.find((c) => c.name === name);
    if (!channel?.push) return false;
    await channel.push(conversation, replies);
    return true;
  };
}

/**
 * The worker role: the outbox relay, the classify and notify workers, the minute deadline scan
 * and the reconciler, stopped in reverse order (new work first, then the jobs in hand, then the connection).
 */
export async function startWorkerRole(deps: {
  redisUrl: string;
  database: Database;
  kb: KnowledgeBase;
  channels: readonly Channel[];
  logger: Logger;
}): Promise<{ stop: () => Promise<void> }> {
  const { database, logger } = deps;
  const db = database.db;
  const connection = createQueueConnection(deps.redisUrl);
  connection.on("error", (err) => logger.warn({ err: err.message }, "queue connection error"));
  const queues = createQueues(connection);
  const router = createRouter({ knowledge: deps.kb });
  const relay = startOutboxRelay({ db, queues, logger });
  const classify = startClassifyWorker({ db, router, connection, logger });
  const notify = startNotifyWorker({
    db,
    push: pushThrough(deps.channels),
    agencies: router.deps.agencies,
    connection,
    logger,
  });
  const scan = startDeadlineScan({ db, calendar: loadWorkingCalendar(), logger });
  // Redis keeps nothing on disk here: after it comes back, rebuild what it lost from PostgreSQL.
  const reconciler = startReconciler({ db, queues, logger, onReady: (tick) => connection.on("ready", tick) });
  logger.info("workers running: outbox relay, classify, notify, deadline scan, reconciler");
  return {
    async stop() {
      await scan.stop();
      await reconciler.stop();
      await relay.stop();
      // Worker.close waits for the jobs in hand; BullMQ returns unfinished ones to the queue.
      await Promise.all([classify.close(), notify.close()]);
      await closeQueues(queues);
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
