import type { FastifyInstance } from "fastify";
import { stripControlChars } from "../feedback/pakn-input-rules.js";
import { bodyError } from "./json-body.js";

/** A parsed HTML form: one string per field, an array when a field repeats. */
export type FormBody = Record<string, string | string[]>;

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses `application/x-www-form-urlencoded` text (what a plain HTML form posts), dropping the
 * control characters no one types (PostgreSQL refuses a NUL) from names and values.
 */
export function parseForm(text: string): FormBody {
  const out: FormBody = Object.create(null);
  for (const [rawKey, rawValue] of new URLSearchParams(text)) {
    const key = stripControlChars(rawKey);
    const value = stripControlChars(rawValue);
    const previous = out[key];
    if (previous === undefined) out[key] = value;
    else out[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

/** One field of a form body as a string ("" when absent; the first when it repeats). */
export function formField(body: unknown, name: string): string {
  if (!body || typeof body !== "object") return "";
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  // @fastify/multipart with attachFieldsToBody: { value } objects.
  if (value && typeof value === "object" && typeof (value as { value?: unknown }).value === "string")
    return (value as { value: string }).value;
  return "";
}

/**
 * Accepts form posts only where `accepts(url)` says so (the console, Open311), refusing invalid
 * UTF-8 like the JSON parser does; everywhere else (the web chat API) stays JSON-only. Up to
 * `bodyLimit` bytes: the admin's data-file editor posts whole files.
 */
export function registerFormBody(
  app: FastifyInstance,
  options: { accepts: (url: string) => boolean; bodyLimit?: number },
): void {
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "buffer", bodyLimit: options.bodyLimit ?? 2 * 1024 * 1024 },
    (req, body: Buffer, done) => {
      if (!options.accepts(req.url)) {
        done(bodyError("unsupported_media_type", "form bodies are not accepted here"), undefined);
        return;
      }
      try {
        done(null, parseForm(decoder.decode(body)));
      } catch {
        done(bodyError("invalid_utf8", "body is not valid UTF-8"), undefined);
      }
    },
  );
}
