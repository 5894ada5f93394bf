import { isIP } from "node:net";
import { join } from "node:path";
import { z } from "zod";
import { parseZnsTemplates } from "../feedback/citizen-delivery/zns-templates.js";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const url = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : fallback))
    .pipe(z.url());

const optionalUrl = optionalString.pipe(z.url().optional());

const TELEGRAM_CHAT_ID = /^-?\d{1,20}$/;

/** `agency-id=chat-id,…` (officers' Telegram chat per canonical agency id) as a map. */
const agencyChats = optionalString.transform((value, ctx) => {
  const chats: Record<string, string> = {};
  for (const part of (value ?? "").split(",")) {
    if (!part.trim()) continue;
    const [agency = "", chat = "", ...rest] = part.split("=").map((p) => p.trim());
    if (!/^[a-z0-9-]+$/.test(agency) || !TELEGRAM_CHAT_ID.test(chat) || rest.length > 0) {
      ctx.addIssue({ code: "custom", message: `"${part.trim()}" is not agency-id=numeric-chat-id` });
      continue;
    }
    chats[agency] = chat;
  }
  return chats;
});

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** One TRUST_PROXY entry: an IP address, an address/prefix CIDR, or a named range of proxy-addr. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [ip = "", prefix, ...rest] = entry.split("/");
  const version = isIP(ip);
  if (!version || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: whose X-Forwarded-For/-Host/-Proto to believe. Unset: nobody's (the socket's
 * address is the client). A comma list of the proxies' IPs, CIDRs, `loopback`, `linklocal`,
 * `uniquelocal`. Not `true` (anyone could forge them) nor a hop count (Fastify cannot check the
 * nearest peer with one, so it trusts nobody).
 */
const trustProxy = optionalString.transform((value, ctx): false | string[] => {
  if (value === undefined) return false;
  if (value.toLowerCase() === "true" || /^\d+$/.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: "name the proxies' addresses (IPs, CIDRs, loopback), not true or a count",
    });
    return false;
  }
  const entries = value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries)
    if (!isProxyEntry(entry))
      ctx.addIssue({
        code: "custom",
        message: `"${entry}" is not an IP address, a CIDR, loopback, linklocal or uniquelocal`,
      });
  return entries.length > 0 ? entries : false;
});

/** The environment variables motcua reads; DESIGN.md lists them as a contract. */
export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional(),
  ),
  DATA_DIR: z.string().default("./data"),
  /** Where PAKN photos are stored; unset: `<DATA_DIR>/uploads` (see `uploadsDirOf`). */
  UPLOADS_DIR: optionalString,
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  AGENCY_TELEGRAM_CHATS: agencyChats,
  COORDINATOR_TELEGRAM_CHAT: optionalString.pipe(
    z.string().regex(TELEGRAM_CHAT_ID, "must be a numeric Telegram chat id").optional(),
  ),
  REDIS_URL: url("redis://127.0.0.1:6379").pipe(z.string().regex(/^rediss?:\/\//, "must be a redis:// URL")),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: optionalUrl,
  /** Which proxies' forwarded headers are believed (see `trustProxy`); unset: none. */
  TRUST_PROXY: trustProxy,
  SESSION_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(60 * 60 * 24 * 7),
  /** An officer's console session ends this long after sign-in, however busy it is. */
  OFFICER_SESSION_MAX_HOURS: z.coerce.number().min(1).max(168).default(12),
  /** Largest conversation state (JSON bytes) kept per session. */
  SESSION_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(4096)
    .default(32 * 1024),
  /** A web chat session that saw one question only (anyone can start any number) is kept this long. */
  WEB_CHAT_NEW_SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(60 * 60),
  /** The window of the web chat's per-address budget. */
  WEB_CHAT_IP_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
  /** Web chat messages one address (IPv4, or IPv6 /64) may send per window. */
  WEB_CHAT_IP_MESSAGES: z.coerce.number().int().min(1).default(200),
  /** Web chat conversations (cookie-less first messages) one address may start per window. */
  WEB_CHAT_IP_NEW_SESSIONS: z.coerce.number().int().min(1).default(20),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: url("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
      .optional(),
  ),
  /** Comma-separated keys that may create PAKN through Open311 `POST requests.json`. */
  OPEN311_API_KEYS: optionalString.transform((v, ctx) => {
    const keys = (v ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean);
    for (const key of keys)
      if (key.length < 16)
        ctx.addIssue({ code: "custom", message: "every key must be at least 16 characters" });
    return keys;
  }),
  /** Set: `GET /metrics` wants `Authorization: Bearer <token>`; unset: open (it holds no personal data). */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  ZALO_APP_ID: optionalString,
  ZALO_APP_SECRET: optionalString,
  ZALO_OA_SECRET_KEY: optionalString,
  ZALO_ACCESS_TOKEN: optionalString,
  ZALO_REFRESH_TOKEN: optionalString,
  ZALO_API_ROOT: url("https://openapi.zalo.me"),
  ZALO_OAUTH_ROOT: url("https://oauth.zaloapp.com"),
  /** Zalo Notification Service: where its template API lives (tests point it at a local fake). */
  ZALO_ZNS_API_ROOT: url("https://business.openapi.zalo.me"),
  /** The province's approved ZNS templates by step (JSON, or the path of a JSON file); unset: no ZNS. */
  ZALO_ZNS_TEMPLATES: optionalString.transform((value, ctx) => {
    if (!value) return undefined;
    try {
      return parseZnsTemplates(value);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
      return z.NEVER;
    }
  }),
  ZALO_BOT_TOKEN: optionalString,
  ZALO_BOT_API_ROOT: url("https://bot-api.zapps.me"),
  ZALO_BOT_WEBHOOK_SECRET: optionalString.pipe(
    z.string().min(8, "must be 8-256 characters").max(256, "must be 8-256 characters").optional(),
  ),
});

/** Validated configuration, passed through deps (never read from process.env elsewhere). */
export type Config = z.infer<typeof configSchema>;

/** The directory PAKN photos are stored under: UPLOADS_DIR, or `uploads` inside DATA_DIR. */
export function uploadsDirOf(config: Pick<Config, "UPLOADS_DIR" | "DATA_DIR">): string {
  return config.UPLOADS_DIR ?? join(config.DATA_DIR, "uploads");
}

/** Raised at boot when the environment is invalid; the message lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment once at boot and fails fast listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`));
}
