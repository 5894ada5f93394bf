import type { FastifyInstance } from "fastify";
import { stripControlChars } from "../feedback/pakn-input-rules.js";
import { AppError, type AppErrorCode } from "../lib/errors.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

/** HTTP statuses of the body parsers' refusals. */
const BODY_STATUS: Partial<Record<AppErrorCode, number>> = {
  invalid_json: 400,
  invalid_utf8: 400,
  unsupported_media_type: 415,
};

/**
 * A body parser's refusal, carrying its HTTP status too: plugins with error handlers of their own
 * (bull-board) answer it as a 4xx instead of a 500. The message never quotes the body.
 */
export function bodyError(code: AppErrorCode, message: string): AppError {
  return Object.assign(new AppError(code, message), { statusCode: BODY_STATUS[code] ?? 400 });
}

/** Drops control characters from every string of a parsed body (PostgreSQL refuses NUL in text). */
const withoutControlChars = (_key: string, value: unknown) =>
  typeof value === "string" ? stripControlChars(value) : value;

/**
 * Accepts only JSON bodies (other parsers are opt-in per feature), refusing invalid UTF-8 instead
 * of silently turning it into U+FFFD, reporting malformed JSON with a clear code, and dropping the
 * control characters no one types from every string (a NUL would make storing it fail every time).
 */
export function registerStrictJson(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body: Buffer, done) => {
    let text: string;
    try {
      text = decoder.decode(body);
    } catch {
      done(bodyError("invalid_utf8", "body is not valid UTF-8"), undefined);
      return;
    }
    if (!text.trim()) {
      done(bodyError("invalid_json", "empty body"), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text, withoutControlChars));
    } catch {
      // JSON.parse's own message quotes the body, which may hold personal data.
      done(bodyError("invalid_json", "body is not valid JSON"), undefined);
    }
  });
}
