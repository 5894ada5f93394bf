import { scrubLogText } from "./log-text.js";

/**
 * Fields of an error that hold the values a query was sent with or that PostgreSQL echoes back
 * (`detail` such as "Key (email)=(x@y) already exists", a failing row, PL/pgSQL context).
 */
const VALUE_FIELDS = new Set([
  "params",
  "parameters",
  "detail",
  "where",
  "internalQuery",
  "queryOptions",
  "raw",
]);

/** Words after which PostgreSQL quotes a name of ours (kept); any other quoted text is a value. */
const NAME_BEFORE_QUOTE =
  /(?:constraint|relation|column|table|type|function|index|encoding|schema|sequence|database|role|operator|extension|trigger|view|enum|of relation|user)\s*$/i;

const SQLSTATE = /^[0-9A-Z]{5}$/;

type Plain = Record<string, unknown>;

const isErrorLike = (value: unknown): value is Plain & { message: string } =>
  typeof value === "object" && value !== null && typeof (value as Plain).message === "string";

/** A PostgreSQL error (pg or PGlite): a five-character SQLSTATE code and a severity. */
const isDatabaseError = (value: Plain): boolean =>
  typeof value.code === "string" && SQLSTATE.test(value.code) && typeof value.severity === "string";

/** PostgreSQL's message with every quoted value (not a quoted table, column or constraint name) replaced. */
export function redactDatabaseMessage(message: string): string {
  return message.replace(/"(?:[^"]|"")*"/g, (quoted, offset: number) =>
    NAME_BEFORE_QUOTE.test(message.slice(0, offset)) ? quoted : "[value]",
  );
}

/** A failed query's message cut before the values it lists (Drizzle: "Failed query: …\nparams: …"). */
function withoutParams(message: string, params: unknown): string {
  const at = message.indexOf("\nparams: ");
  return Array.isArray(params) && at >= 0 ? message.slice(0, at) : message;
}

/** A stack with its header's `message` replaced by `safe` (only the frames when it is not found). */
function replaceHeader(stack: string, message: string, safe: string, type: string): string {
  const at = message ? stack.indexOf(message) : -1;
  if (at >= 0) return stack.slice(0, at) + safe + stack.slice(at + message.length);
  const frames = stack.split("\n").filter((line) => /^\s+at /.test(line));
  return [`${type}: ${safe}`, ...frames].join("\n");
}

/**
 * An error as a log line may show it: type, message, stack, SQLSTATE code, query text and the
 * number of its parameters, its cause the same way; never the parameter values or the fields in
 * which PostgreSQL echoes values. Strings (an `err.message` logged alone) lose listed parameters,
 * phone and ID numbers.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubLogText(value);
  if (!isErrorLike(value)) return value;
  const database = isDatabaseError(value);
  const type = database
    ? "DatabaseError"
    : typeof value.constructor === "function" && value.constructor !== Object
      ? value.constructor.name
      : typeof value.type === "string"
        ? value.type
        : typeof value.name === "string"
          ? value.name
          : "Error";
  const safeMessage = scrubLogText(
    database ? redactDatabaseMessage(value.message) : withoutParams(value.message, value.params),
  );
  const out: Plain = { type, message: safeMessage };
  if (typeof value.stack === "string")
    out.stack = scrubLogText(replaceHeader(value.stack, value.message, safeMessage, type));
  if (Array.isArray(value.params)) out.paramCount = value.params.length;
  for (const key of Object.keys(value)) {
    if (key in out || key === "cause" || VALUE_FIELDS.has(key)) continue;
    const field = value[key];
    if (typeof field === "string") out[key] = scrubLogText(field);
    else if (isErrorLike(field)) out[key] = depth < 4 ? serializeError(field, depth + 1) : "[error]";
    else if (typeof field !== "function") out[key] = field;
  }
  const cause = value.cause;
  if (cause !== undefined && depth < 4) {
    const safeCause = serializeError(cause, depth + 1);
    out.cause = isErrorLike(cause) || typeof cause === "string" ? safeCause : "[cause]";
    // The SQLSTATE of a failed Drizzle query sits on its cause; the top of the line should show it.
    if (out.code === undefined && isErrorLike(cause) && typeof cause.code === "string") out.code = cause.code;
  }
  return out;
}

/** A request URL with every query value replaced: the path and parameter names stay readable. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const query = url.slice(q + 1);
  if (!query) return url.slice(0, q);
  const names = query.split("&").map((part) => {
    const eq = part.indexOf("=");
    return eq < 0 ? part : `${part.slice(0, eq)}=[redacted]`;
  });
  return `${url.slice(0, q)}?${names.join("&")}`;
}

interface RequestLike {
  method?: string;
  url?: string;
  ip?: string;
  socket?: { remoteAddress?: string; remotePort?: number };
}

/**
 * A request as a log line may show it (Fastify's request or Node's): method, the URL with its
 * query values redacted, the client address; no headers (cookies, tokens) and no Host.
 */
export function serializeRequest(req: unknown): unknown {
  if (typeof req !== "object" || req === null) return req;
  const r = req as RequestLike;
  return {
    method: r.method,
    url: typeof r.url === "string" ? redactUrl(r.url) : undefined,
    remoteAddress: r.ip ?? r.socket?.remoteAddress,
    remotePort: r.socket?.remotePort,
  };
}

/** The serializers every motcua logger uses (and the web app puts on whatever logger it is given). */
export const LOG_SERIALIZERS = {
  err: (value: unknown) => serializeError(value),
  error: (value: unknown) => serializeError(value),
  req: serializeRequest,
};
