import type { FastifyInstance } from "fastify";
import { AppError } from "../app/errors.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Accepts only JSON bodies (other parsers are opt-in per feature), refusing invalid UTF-8 instead
 * of silently turning it into U+FFFD, and reporting malformed JSON with a clear code.
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
      done(null, JSON.parse(text));
    } catch (err) {
      done(new AppError("invalid_json", (err as Error).message), undefined);
    }
  });
}
