// `npm run --silent chat -- --jsonl [--kb FILE] [--keep-sessions]`: runs the conversation core on
// JSON lines from stdin, one output line per input line (see DESIGN.md). Logs go to stderr.
// PAKN filed in the chat go to DATABASE_URL, or with --kb and no DATABASE_URL to an in-memory
// database that disappears at the end of the run.
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { Redis } from "ioredis";
import { loadConfig } from "../app/config.js";
import { createLogger } from "../app/logger.js";
import { createBot } from "../bot/core/create-bot.js";
import { createMemorySessionStore } from "../bot/core/memory-session-store.js";
import { createRedisSessionStore } from "../bot/core/redis-session-store.js";
import { type SessionStore, sessionKey } from "../bot/core/session.js";
import { createFeedbackService } from "../feedback/feedback-service.js";
import { loadWorkingCalendar } from "../feedback/holidays-file.js";
import { workingDayDueDates } from "../feedback/pakn-due-dates.js";
import { parseCliArgs } from "./lib/cli-args.js";
import { openCliDatabase, openKnowledge } from "./lib/open-knowledge.js";

const CHANNEL = "cli";

async function openSessions(
  url: string,
  ttlSeconds: number,
): Promise<{ store: SessionStore; close(): Promise<void> }> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: () => null,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
    return {
      store: createRedisSessionStore(redis, { ttlSeconds }),
      close: () => redis.quit().then(() => {}),
    };
  } catch {
    redis.disconnect();
    process.stderr.write("chat: Redis is not reachable; sessions are kept in memory for this run\n");
    return { store: createMemorySessionStore({ ttlSeconds }), close: async () => {} };
  }
}

function parseLine(
  line: string,
): { conversation: string; user: string; text?: string; payload?: string } | string {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return "invalid JSON";
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return "expected a JSON object";
  const o = raw as Record<string, unknown>;
  const conversation = o.conversation === undefined ? "default" : String(o.conversation);
  const user = o.user === undefined ? conversation : String(o.user);
  if (typeof o.payload === "string") return { conversation, user, payload: o.payload };
  if (typeof o.text === "string") return { conversation, user, text: o.text };
  return 'expected "text" or "payload"';
}

async function run(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2), ["jsonl", "keep-sessions"]);
  const config = loadConfig();
  const logger = createLogger({ level: "warn", toStderr: true });
  const kbFlag = args.flags.get("kb");
  const kbFile = typeof kbFlag === "string" ? kbFlag : undefined;
  const database = await openCliDatabase(kbFile);
  const kb = await openKnowledge(logger, kbFile, database);
  const sessions = await openSessions(config.REDIS_URL, config.SESSION_TTL_SECONDS);
  const feedback = createFeedbackService({
    db: database.db,
    dueDates: workingDayDueDates(loadWorkingCalendar()),
  });
  const bot = createBot({ kb, logger, sessions: sessions.store, feedback });
  // Message ids must not repeat across runs: a filed PAKN is unique per (channel, message id).
  const runId = randomBytes(4).toString("hex");
  const keep = args.flags.has("keep-sessions");
  const seen = new Set<string>();
  let lineNo = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNo++;
    if (!line.trim()) continue;
    const input = parseLine(line);
    if (typeof input === "string") {
      process.stdout.write(
        `${JSON.stringify({ conversation: null, line: lineNo, error: input, replies: [] })}\n`,
      );
      continue;
    }
    if (!keep && !seen.has(input.conversation)) {
      // A conversation id reused from an earlier run starts fresh instead of inheriting its context.
      seen.add(input.conversation);
      await sessions.store.delete(sessionKey(CHANNEL, input.conversation)).catch(() => {});
    }
    const { replies, meta } = await bot.handle({
      channel: CHANNEL,
      conversation: input.conversation,
      user: input.user,
      messageId: `${runId}-${lineNo}`,
      ...(input.payload !== undefined
        ? { payload: input.payload, kind: "payload" as const }
        : { text: input.text, kind: "text" as const }),
    });
    process.stdout.write(`${JSON.stringify({ conversation: input.conversation, replies, meta })}\n`);
  }
  await sessions.close();
  await database.close();
}

run().catch((err) => {
  process.stderr.write(`chat failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
