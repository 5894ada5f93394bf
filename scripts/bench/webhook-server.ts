/**
 * The system under test of `bench:webhook`, run as its own process (one core, like one web
 * process in production): the real web app with the real Telegram channel in webhook mode, the
 * conversation core on the bundled procedures and the Redis dispatcher, under the bench's own key
 * prefix. Configured through the usual environment (TELEGRAM_*, REDIS_URL, LOG_LEVEL); reports
 * `{port}` over IPC once listening, and `{cpuMs, eventLoopDelayMs}` after a "stop" message.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadConfig } from "../../app/config.js";
import { createLogger } from "../../app/logger.js";
import { createRedis } from "../../app/redis.js";
import { createTelegramChannel } from "../../bot/channels/telegram/index.js";
import { createBot } from "../../bot/core/create-bot.js";
import { createRedisDispatcher } from "../../bot/core/redis-dispatcher.js";
import { createRedisSessionStore } from "../../bot/core/redis-session-store.js";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";
import { buildWebApp } from "../../web/app.js";

/** What the parent sends and receives over IPC. */
export type ServerMessage =
  | { type: "listening"; port: number }
  | { type: "stopped"; cpuMs: number; eventLoopDelayMs: { p99: number; max: number } };

const prefix = process.argv[2];
if (!prefix || !process.send) throw new Error("usage: forked by bench-webhook with a Redis key prefix");
const reply = (message: ServerMessage) => process.send?.(message);

const config = loadConfig();
const logger = createLogger({ level: config.LOG_LEVEL, toStderr: true });
const redis = createRedis(config.REDIS_URL);
redis.on("error", (err) => logger.warn({ err: err.message }, "redis error"));
const kb = createKnowledgeBase(readProceduresFile(BUNDLED_PROCEDURES_FILE).procedures);
const sessions = createRedisSessionStore(redis, {
  ttlSeconds: config.SESSION_TTL_SECONDS,
  prefix: `${prefix}session:`,
});
const bot = createBot({ kb, logger, sessions });
// The bench sends many messages per chat on purpose: the flood limit must not answer instead of the core.
const dispatcher = createRedisDispatcher({ bot, redis, logger, prefix, flood: { limit: 1_000_000 } });
const channel = createTelegramChannel({ config, dispatcher, logger, redis, prefix });
const app = await buildWebApp({
  dispatcher,
  channels: [channel],
  logger,
  sessionSecret: "bench-webhook-session-secret-0123456789",
  secureCookies: false,
  probes: { database: async () => 1, redis: () => redis.ping(), procedures: () => kb.size },
});
await app.listen({ port: 0, host: "127.0.0.1" });
await channel.start?.();
const address = app.server.address();
const delay = monitorEventLoopDelay({ resolution: 10 });

process.on("message", async (message: { type?: string }) => {
  if (message?.type === "measure") {
    delay.reset();
    delay.enable();
    startCpu = process.cpuUsage();
    return;
  }
  if (message?.type !== "stop") return;
  delay.disable();
  const cpu = process.cpuUsage(startCpu);
  await app.close();
  await channel.stop?.();
  await redis.quit().catch(() => redis.disconnect());
  reply({
    type: "stopped",
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    eventLoopDelayMs: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
  });
  process.disconnect();
});
let startCpu = process.cpuUsage();
// The bench went away (it failed or was interrupted): do not linger with the port and Redis open.
process.on("disconnect", () => process.exit(0));
reply({ type: "listening", port: typeof address === "object" && address ? address.port : 0 });
