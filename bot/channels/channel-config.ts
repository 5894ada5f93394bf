import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Database } from "../../db/client.js";
import type { ZnsTemplates } from "../../feedback/citizen-delivery/zns-templates.js";
import type { Dispatcher } from "../core/dispatch.js";

/**
 * The settings the channels read, as the app's configuration provides them (the environment
 * contract lives in app/config.ts); declared here so the channels do not depend on the app.
 */
export interface ChannelConfig {
  PUBLIC_URL?: string;
  SESSION_TTL_SECONDS: number;
  TELEGRAM_BOT_TOKEN?: string;
  TELEGRAM_API_ROOT: string;
  TELEGRAM_WEBHOOK_SECRET?: string;
  ZALO_APP_ID?: string;
  ZALO_APP_SECRET?: string;
  ZALO_OA_SECRET_KEY?: string;
  ZALO_ACCESS_TOKEN?: string;
  ZALO_REFRESH_TOKEN?: string;
  ZALO_API_ROOT: string;
  ZALO_OAUTH_ROOT: string;
  ZALO_ZNS_API_ROOT: string;
  ZALO_ZNS_TEMPLATES?: ZnsTemplates;
  ZALO_BOT_TOKEN?: string;
  ZALO_BOT_API_ROOT: string;
  ZALO_BOT_WEBHOOK_SECRET?: string;
}

/** What a channel may use. */
export interface ChannelDeps {
  config: ChannelConfig;
  dispatcher: Dispatcher;
  logger: Logger;
  redis: Redis;
  database: Database;
}
