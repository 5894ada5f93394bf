import { z } from "zod";
import { stripControlChars } from "../feedback/pakn-input-rules.js";
import { AppError } from "../lib/errors.js";

/** A query string as the app parses it: one string per name, an array when a name repeats. */
export type RawQuery = Record<string, string | string[]>;

/** Longest value kept of any one query parameter; filters and ids are far shorter. */
const MAX_VALUE_CHARS = 4_000;

/**
 * The app's query-string parser: control characters (a `%00` would reach PostgreSQL, which refuses
 * NUL) are dropped from names and values, and very long values cut, so no route ever sees them.
 */
export function parseQueryString(raw: string): RawQuery {
  const out: RawQuery = Object.create(null);
  for (const [rawKey, rawValue] of new URLSearchParams(raw)) {
    const key = stripControlChars(rawKey);
    const value = stripControlChars(rawValue).slice(0, MAX_VALUE_CHARS);
    const previous = out[key];
    if (previous === undefined) out[key] = value;
    else out[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

/** What to do with a repeated parameter: forms take its first value, APIs refuse it with a 400. */
export type RepeatedParams = "first" | "reject";

/** A name the app could have chosen (anything else is the sender's text, never echoed or logged). */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,39}$/;

/** A refused query: a 400 naming the parameter (never its value, which may be personal). */
export function badQuery(name: string, problem: string): AppError {
  const description = `Tham số ${PLAIN_NAME.test(name) ? name : "truy vấn"} ${problem}.`;
  return new AppError("bad_request", description, { description, parameter: name });
}

/**
 * The query as one string per parameter: a repeated one gives its first value, or a 400 when
 * `repeated` is "reject" and the route reads it (`known`; unset: every name); anything that is not
 * a string (a bare app's own parser) is left out.
 */
export function queryFields(
  query: unknown,
  repeated: RepeatedParams = "first",
  known?: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (!query || typeof query !== "object") return out;
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    if (Array.isArray(value) && repeated === "reject" && (!known || known.includes(name)))
      throw badQuery(name, "chỉ được gửi một lần");
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") out[name] = stripControlChars(first);
  }
  return out;
}

/**
 * Reads a route's query with a zod schema over `queryFields`: what the schema refuses is a 400
 * naming the first parameter at fault; lenient fields (`textParam`, `pageParam`) never refuse.
 */
export function readQuery<T extends z.ZodType>(
  query: unknown,
  schema: T,
  options: { repeated?: RepeatedParams } = {},
): z.output<T> {
  const known = schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
  const parsed = schema.safeParse(queryFields(query, options.repeated, known));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = typeof issue?.path[0] === "string" ? issue.path[0] : "truy vấn";
  throw badQuery(
    name,
    issue?.message && !issue.message.startsWith("Invalid") ? issue.message : "không hợp lệ",
  );
}

/** A free-text filter: trimmed, cut to `max` characters, "" when absent. */
export const textParam = (max = 200) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().slice(0, max));

/** A page number: a positive integer up to `max`; 1 when absent or unreadable, `max` when beyond it. */
export const pageParam = (max = 10_000) =>
  z
    .string()
    .optional()
    .transform((v) => {
      const n = /^\s*\d{1,15}\s*$/.test(v ?? "") ? Number(v) : 0;
      return n >= 1 ? Math.min(n, max) : 1;
    });

/**
 * A database id from a query or path parameter: a positive integer that fits PostgreSQL's integer
 * (a bigger one, or NaN, makes the query itself fail); undefined otherwise.
 */
export function toDbId(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\s*\d{1,10}\s*$/.test(value) ? Number(value) : 0;
  return n >= 1 && n <= 2 ** 31 - 1 ? n : undefined;
}

/** A database id parameter (see toDbId); undefined when absent or not one. */
export const idParam = () => z.string().optional().transform(toDbId);
