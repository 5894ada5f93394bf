import { type DestinationStream, type Logger, pino } from "pino";
import { LOG_SERIALIZERS, serializeError } from "../lib/log-serializers.js";
import { scrubLogText } from "../lib/log-text.js";

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

export { scrubText } from "../lib/log-text.js";

/** How a logger is made: level, and where lines go (stdout by default). */
export interface LoggerOptions {
  level?: string;
  /** CLIs whose stdout is data log to stderr. */
  toStderr?: boolean;
  /** Somewhere else entirely (tests capture lines with it). */
  destination?: DestinationStream;
}

/**
 * Creates the process logger (JSON to stdout, or stderr for CLIs): secrets and personal data
 * redacted, errors without query parameter values, request URLs without query values.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      serializers: LOG_SERIALIZERS,
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? scrubLogText(a) : a)) as unknown[];
          // `log.error(err)`: pino would take the raw message as the line's msg; give it the safe one.
          const [first, second] = scrubbed;
          if (first instanceof Error) {
            const safe = serializeError(first) as { message: string };
            scrubbed.splice(0, 1, { err: first }, ...(typeof second === "string" ? [] : [safe.message]));
          }
          method.apply(this, scrubbed as typeof args);
        },
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination(options.toStderr ? 2 : 1),
  );
}

export type { Logger };
