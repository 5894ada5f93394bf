import type { FastifyInstance } from "fastify";
import { AppError } from "../../app/errors.js";

/** A parsed HTML form: one string per field, an array when a field repeats. */
export type FormBody = Record<string, string | string[]>;

/** True for the paths of the officer console and the admin tools (CSRF and form bodies apply there). */
export function isConsolePath(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  return (
    path === "/officer" || path.startsWith("/officer/") || path === "/admin" || path.startsWith("/admin/")
  );
}

/** Parses `application/x-www-form-urlencoded` text (what a plain HTML form posts). */
export function parseForm(text: string): FormBody {
  const out: FormBody = {};
  for (const [key, value] of new URLSearchParams(text)) {
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
 * True where form posts are expected: the console (CSRF-checked) and Open311, whose spec posts
 * forms (API-key checked). Elsewhere (the web chat API) a cross-site form must not get through.
 */
function acceptsForms(url: string): boolean {
  return isConsolePath(url) || url.startsWith("/open311/");
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Accepts HTML form posts under /officer, /admin and /open311 only (the rest of the site stays
 * JSON-only), up to `bodyLimit` bytes (the admin's data-file editor posts whole files), refusing
 * invalid UTF-8 like the JSON parser does.
 */
export function registerFormBody(app: FastifyInstance, bodyLimit = 2 * 1024 * 1024): void {
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "buffer", bodyLimit },
    (req, body: Buffer, done) => {
      if (!acceptsForms(req.url)) {
        done(
          new AppError("unsupported_media_type", "form bodies are accepted by the console only"),
          undefined,
        );
        return;
      }
      let text: string;
      try {
        text = decoder.decode(body);
      } catch {
        done(new AppError("invalid_utf8", "body is not valid UTF-8"), undefined);
        return;
      }
      done(null, parseForm(text));
    },
  );
}
