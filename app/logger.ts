import { type Logger, pino } from "pino";

/** Paths pino removes from every log line: secrets and personal data never reach the logs. */
export const REDACT_PATHS = [
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "password",
  "*.password",
  "secret",
  "*.secret",
  "phone",
  "*.phone",
  "idNumber",
  "*.idNumber",
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-bot-api-secret-token"]',
];

const PHONE = /(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)/g;
const ID_NUMBER = /(?<!\d)\d{9}(?:\d{3})?(?!\d)/g;
const BOT_TOKEN = /\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/g;

/** Masks phone numbers, CMND/CCCD numbers and bot tokens inside free text before it is logged. */
export function scrubText(text: string): string {
  return text.replace(BOT_TOKEN, "[token]").replace(PHONE, "[phone]").replace(ID_NUMBER, "[id]");
}

/** Creates the process logger (JSON to stdout, or to stderr for CLIs whose stdout is data). */
export function createLogger(options: { level?: string; toStderr?: boolean } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? scrubText(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination(options.toStderr ? 2 : 1),
  );
}

export type { Logger };
