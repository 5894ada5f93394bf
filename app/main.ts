import { sql } from "drizzle-orm";
import { createWebInbox } from "../bot/channels/web-inbox.js";
import { isZnsEnabled } from "../bot/channels/zalo-oa/index.js";
import { createBot } from "../bot/core/create-bot.js";
import { createRedisDispatcher } from "../bot/core/redis-dispatcher.js";
import { createRedisSessionStore } from "../bot/core/redis-session-store.js";
import { openDatabase } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { ensurePrivateDir, restrictUmask } from "../db/private-dir.js";
import { calendarGap } from "../feedback/calendar-coverage.js";
import { loadDataFilesInForce } from "../feedback/data-files/data-files-in-force.js";
import { createFeedbackService } from "../feedback/feedback-service.js";
import { createLearningService } from "../feedback/learning/learning-service.js";
import { workingDayDueDates } from "../feedback/pakn-due-dates.js";
import { AppError } from "../lib/errors.js";
import { buildWebApp } from "../web/app.js";
import { createChatIpLimit } from "../web/chat-ip-limit.js";
import { createChannels } from "./channels.js";
import { ConfigError, loadConfig, uploadsDirOf } from "./config.js";
import { loadKnowledgeBase, seedKnowledgeBase } from "./knowledge-loader.js";
import { startLessonSync } from "./lesson-sync.js";
import { createLogger } from "./logger.js";
import { createRedis } from "./redis.js";
import { resolveSessionSecret } from "./session-secret.js";
import { startWorkerRole } from "./worker-role.js";

/**
 * all: everything in one process; web: HTTP only (webhooks, web chat), any number of them;
 * worker: the PAKN pipeline (outbox relay, queues, deadline scan), any number of them;
 * bot: the channels' background work only (Telegram long polling, setWebhook, token refresh), one.
 */
const ROLES = ["all", "web", "worker", "bot"] as const;
type Role = (typeof ROLES)[number];

/** Starts motcua in one role and shuts it down in order on SIGINT/SIGTERM: HTTP, channels, then Redis, then the database. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const role = (process.argv[2] ?? "all") as Role;
  if (!ROLES.includes(role)) {
    process.stderr.write(`Unknown role "${role}"; expected one of: ${ROLES.join(", ")}\n`);
    process.exit(2);
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  // Workers keep dozens of jobs in hand, each with a database round trip or two.
  const poolSize = role === "worker" || role === "all" ? 30 : 10;
  // Personal data (the embedded database, photos, the cookie secret) stays owner-only, whatever the umask.
  restrictUmask();
  const warn = (message: string) => logger.warn(message);
  if (!config.SESSION_SECRET) ensurePrivateDir(config.DATA_DIR, warn);
  ensurePrivateDir(uploadsDirOf(config), warn);
  // Embedded PGlite: refused (DataDirInUse) while another process has the same data directory open.
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize, warn });
  await migrate(database);
  await seedKnowledgeBase(database.db, logger);
  // The province's data files: an admin's saved versions, else the bundled ones (read once at start).
  const files = await loadDataFilesInForce(database.db);
  const { missingYears } = calendarGap(files.calendar, new Date());
  if (missingYears.length > 0) {
    logger.warn(
      { missingYears },
      "the holiday calendar lacks these years: deadlines in them count holidays as working days; an admin enters them in holidays-vn.json (console, data files)",
    );
  }
  const kb = await loadKnowledgeBase(database.db, logger, { synonymsText: files.synonymsText });
  // Editors' lessons from the questions it could not answer: loaded now, then polled for changes.
  const lessonSync = await startLessonSync({ db: database.db, kb, logger });
  const redis = createRedis(config.REDIS_URL);
  redis.on("error", (err) => logger.warn({ err: err.message }, "redis error"));
  const sessions = createRedisSessionStore(redis, {
    ttlSeconds: config.SESSION_TTL_SECONDS,
    maxBytes: config.SESSION_MAX_BYTES,
    // Anyone can start any number of web chats: a one-question one is forgotten soon.
    shortLived: { ttlSeconds: config.WEB_CHAT_NEW_SESSION_TTL_SECONDS, channels: ["web"] },
  });
  const { calendar, agencies } = files;
  const feedback = createFeedbackService({
    db: database.db,
    dueDates: workingDayDueDates(calendar),
    agencies,
  });
  const learning = createLearningService({ db: database.db });
  const bot = createBot({ kb, logger, sessions, feedback, learning });
  const dispatcher = createRedisDispatcher({ bot, redis, logger });
  // The web chat cannot push: its messages wait in Redis until the page polls.
  const inbox = createWebInbox(redis, { maxPhotoBytes: config.UPLOAD_MAX_BYTES });
  const channels = [...createChannels({ config, dispatcher, logger, redis, database }), inbox.channel];
  const secureCookies = config.PUBLIC_URL?.startsWith("https://") ?? false;
  const app = await buildWebApp({
    dispatcher,
    channels,
    inbox,
    chatIpLimit: createChatIpLimit(redis, {
      windowSeconds: config.WEB_CHAT_IP_WINDOW_SECONDS,
      messages: config.WEB_CHAT_IP_MESSAGES,
      newSessions: config.WEB_CHAT_IP_NEW_SESSIONS,
      now: Date.now,
      onRedisError: (err) =>
        logger.warn({ err }, "web chat address budget unavailable, letting messages through"),
    }),
    logger,
    trustProxy: config.TRUST_PROXY,
    sessionSecret: resolveSessionSecret(config.SESSION_SECRET, config.DATA_DIR),
    secureCookies,
    probes: {
      database: () => database.db.execute(sql`SELECT 1`),
      redis: () => redis.ping(),
      procedures: () => kb.size,
    },
    site: {
      db: database.db,
      redis,
      kb,
      feedback,
      agencies,
      calendar,
      open311ApiKeys: config.OPEN311_API_KEYS,
      metricsToken: config.METRICS_TOKEN,
      secureCookies,
      // Links in feeds and Open311: PUBLIC_URL, or relative without it; never a request's Host.
      publicUrl: config.PUBLIC_URL,
      uploadsDir: uploadsDirOf(config),
      officerSessionMaxMs: config.OFFICER_SESSION_MAX_HOURS * 3600 * 1000,
      refreshLessons: () => lessonSync.refresh(),
      ...(isZnsEnabled(config) ? { znsSteps: new Set(config.ZALO_ZNS_TEMPLATES?.keys()) } : {}),
    },
  });
  const serves = role === "all" || role === "web";
  if (serves) await app.listen({ port: config.PORT, host: config.HOST });
  if (role === "all" || role === "bot") for (const channel of channels) await channel.start?.();
  const workers =
    role === "all" || role === "worker"
      ? await startWorkerRole({ config, database, kb, files, channels, logger })
      : undefined;
  const base = `http://localhost:${config.PORT}`;
  logger.info({ role, driver: database.driver, channels: channels.map((c) => c.name) }, "motcua is serving");
  const enabled = channels.map((c) => c.name).join(", ") || "none configured";
  const urls = !serves
    ? ""
    : `  home      ${base}/\n  web chat  ${base}/chat\n  officers  ${base}/officer\n  health    ${base}/healthz\n`;
  process.stderr.write(
    `\nmotcua (${role}) is running:\n${urls}  channels  ${enabled}\nPress Ctrl-C to stop.\n\n`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      lessonSync.stop();
      await workers?.stop().catch((err) => logger.warn({ err }, "workers stop failed"));
      for (const channel of channels)
        await channel.stop?.().catch((err) => logger.warn({ err }, "channel stop failed"));
      await redis.quit().catch(() => redis.disconnect());
      await database.close();
      logger.info("stopped cleanly");
      process.exit(0);
    } catch (err) {
      logger.error({ err }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  process.stderr.write(
    `motcua failed to start: ${err instanceof AppError ? err.message : err instanceof Error ? (err.stack ?? err.message) : err}\n`,
  );
  process.exit(1);
});
