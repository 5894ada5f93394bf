import type { FastifyInstance } from "fastify";
import { configSchema } from "../../../../app/config.js";
import type { Channel } from "../../../../bot/channels/channel.js";
import { zaloSignatureHeader } from "../../../../bot/channels/zalo-oa/webhook-signature.js";
import {
  createZaloOaChannel,
  type ZaloOaChannelOptions,
} from "../../../../bot/channels/zalo-oa/zalo-oa-channel.js";
import type { Dispatcher } from "../../../../bot/core/dispatch.js";
import { type Database, openDatabase } from "../../../../db/client.js";
import type { FeedbackService } from "../../../../feedback/feedback-service.js";
import { buildWebApp } from "../../../../web/app.js";
import { createTestDispatcher } from "../../../helpers/bot.js";
import { createTestDatabase, type Driver } from "../../../helpers/databases.js";
import { type FakeZaloOa, startFakeZaloOa } from "../../../helpers/fake-zalo-oa.js";
import { silentLogger } from "../../../helpers/knowledge.js";
import { createTestRedis } from "../../../helpers/redis.js";

export const APP_ID = "4305089612345678901";
export const APP_SECRET = "app-secret-key";
export const OA_SECRET = "oa-secret-key";

/** One "process": its own database pool, channel instance and Fastify app, sharing Redis and the database. */
export interface ZaloProcess {
  app: FastifyInstance;
  channel: Channel;
  database: Database;
  dispatcher: Dispatcher;
}

/** A fake Zalo, a database of the given kind, Redis, and as many processes as asked for. */
export interface ZaloHarness {
  fake: FakeZaloOa;
  database: Database;
  redis: ReturnType<typeof createTestRedis>;
  /** The pair the configuration carries. */
  pair: { accessToken: string; refreshToken: string };
  process(options?: ZaloOaChannelOptions, core?: { feedback?: FeedbackService }): Promise<ZaloProcess>;
  dispose(): Promise<void>;
}

/** Builds the harness; the configuration carries a pair the fake issued. */
export async function createZaloHarness(driver: Driver): Promise<ZaloHarness> {
  const fake = await startFakeZaloOa({ appId: APP_ID, appSecret: APP_SECRET });
  const created = await createTestDatabase(driver);
  const redis = createTestRedis();
  const pair = fake.issuePair();
  const config = configSchema.parse({
    ZALO_APP_ID: APP_ID,
    ZALO_APP_SECRET: APP_SECRET,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_ACCESS_TOKEN: pair.accessToken,
    ZALO_REFRESH_TOKEN: pair.refreshToken,
    ZALO_API_ROOT: fake.url,
    ZALO_OAUTH_ROOT: fake.url,
  });
  const processes: ZaloProcess[] = [];
  const extraPools: Database[] = [];
  return {
    fake,
    database: created.database,
    redis,
    pair,
    async process(options = {}, core = {}) {
      let database = created.database;
      if (created.url && processes.length > 0) {
        database = await openDatabase({ url: created.url, poolSize: 5 });
        extraPools.push(database);
      }
      const dispatcher = createTestDispatcher(redis, { flood: { limit: 1_000 }, ...core });
      const channel = createZaloOaChannel(
        { config, dispatcher, logger: silentLogger, redis: redis.redis, database },
        { retryDelaysMs: [10, 10], ...options },
      );
      const app = await buildWebApp({
        dispatcher,
        channels: [channel],
        logger: silentLogger,
        sessionSecret: "test-secret-0123456789abcdef",
        secureCookies: false,
        probes: { database: async () => 1, redis: () => redis.redis.ping(), procedures: () => 2642 },
      });
      const proc = { app, channel, database, dispatcher };
      processes.push(proc);
      return proc;
    },
    async dispose() {
      for (const p of processes) {
        await p.app.close();
        await p.channel.stop?.();
      }
      for (const pool of extraPools) await pool.close();
      await created.dispose();
      await redis.dispose();
      await fake.close();
    },
  };
}

let sequence = 0;

/** A Zalo event envelope from `user`, stamped now. */
export function zaloEvent(
  eventName: string,
  user: string,
  message?: Record<string, unknown>,
  timestamp = String(Date.now()),
): Record<string, unknown> {
  sequence += 1;
  return {
    app_id: APP_ID,
    user_id_by_app: `by-app-${user}`,
    event_name: eventName,
    timestamp,
    sender: { id: user },
    recipient: { id: "oa-1" },
    ...(message ? { message: { msg_id: `msg-${sequence}-${Date.now()}`, ...message } } : {}),
  };
}

/** Posts raw bytes to the webhook, signed as Zalo signs them unless told otherwise. */
export function postEvent(
  app: FastifyInstance,
  body: string | Record<string, unknown>,
  options: { signature?: string | null; timestamp?: string } = {},
) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const timestamp =
    options.timestamp ?? (typeof body === "string" ? String(Date.now()) : String(body.timestamp ?? ""));
  const signature =
    options.signature === undefined
      ? zaloSignatureHeader(APP_ID, Buffer.from(raw), timestamp, OA_SECRET)
      : options.signature;
  return app.inject({
    method: "POST",
    url: "/webhooks/zalo",
    headers: {
      "content-type": "application/json",
      ...(signature === null ? {} : { "x-zevent-signature": signature }),
    },
    payload: raw,
  });
}
