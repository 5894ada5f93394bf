import type { FastifyInstance } from "fastify";
import { AppError } from "../lib/errors.js";

// A C0 control character or DEL in a URL's path, percent-encoded or raw.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_IN_PATH = /%(?:[01][0-9a-f]|7f)|[\u0000-\u001f\u007f]/i;

/**
 * Refuses a URL whose path carries control characters before any route runs: no code, name or id
 * contains one, and a `%00` in a path parameter would otherwise reach PostgreSQL, which refuses NUL.
 * The refusal carries its status, so plugins with their own error handlers answer 400 too.
 */
export function registerPathGuard(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    const path = request.url.split("?", 1)[0] ?? "";
    if (CONTROL_IN_PATH.test(path))
      throw Object.assign(new AppError("bad_request", "control characters in the path"), { statusCode: 400 });
  });
}
