import type { FastifyInstance } from "fastify";
import { AppError } from "../../app/errors.js";

const FORM = "application/x-www-form-urlencoded";
const decoder = new TextDecoder("utf-8", { fatal: true });

/** Parses `a=1&b=2&b=3` into `{a: "1", b: ["2", "3"]}` (repeated keys become arrays). */
export function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const seen = out[key];
    out[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return out;
}

/**
 * Accepts `application/x-www-form-urlencoded` bodies in this plugin's scope only (what Open311
 * clients POST), refusing invalid UTF-8 like the JSON parser does. A parent that already parses
 * forms is left in charge.
 */
export function registerFormBody(scope: FastifyInstance, options: { bodyLimit?: number } = {}): void {
  if (scope.hasContentTypeParser(FORM)) return;
  scope.addContentTypeParser(
    FORM,
    { parseAs: "buffer", bodyLimit: options.bodyLimit ?? 64 * 1024 },
    (_req, body: Buffer, done) => {
      try {
        done(null, parseForm(decoder.decode(body)));
      } catch {
        done(new AppError("invalid_utf8", "body is not valid UTF-8"), undefined);
      }
    },
  );
}
