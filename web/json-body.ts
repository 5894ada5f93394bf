import type { FastifyInstance } from "fastify";
import { AppError } from "../app/errors.js";
import { stripControlChars } from "../feedback/pakn-input-rules.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

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
      done(new AppError("invalid_utf8", "body is not valid UTF-8"), undefined);
      return;
    }
    if (!text.trim()) {
      done(new AppError("invalid_json", "empty body"), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text, withoutControlChars));
    } catch (err) {
      done(new AppError("invalid_json", (err as Error).message), undefined);
    }
  });
}
