import { createHash, timingSafeEqual } from "node:crypto";

/** How far an event's timestamp may lie from now before it is taken for a replay. */
export const DEFAULT_MAX_EVENT_AGE_MS = 5 * 60_000;

/** Zalo's webhook MAC: hex sha-256 of app id + raw body + timestamp + OA secret key. */
export function zaloEventMac(appId: string, rawBody: Buffer, timestamp: string, oaSecretKey: string): string {
  return createHash("sha256")
    .update(appId)
    .update(rawBody)
    .update(timestamp)
    .update(oaSecretKey)
    .digest("hex");
}

/** The header value Zalo sends (`mac=<hex>`). */
export function zaloSignatureHeader(
  appId: string,
  rawBody: Buffer,
  timestamp: string,
  oaSecretKey: string,
): string {
  return `mac=${zaloEventMac(appId, rawBody, timestamp, oaSecretKey)}`;
}

/** Compares the `X-ZEvent-Signature` header with the expected MAC in constant time. */
export function verifyZaloSignature(header: string | undefined, expectedMac: string): boolean {
  if (!header) return false;
  const given = header.trim().replace(/^mac=/i, "").toLowerCase();
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expectedMac, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The timestamp the MAC covers, as written in the body (a string or a number of milliseconds);
 * found by a pattern when the body is not valid JSON, so a genuine but malformed event is told apart
 * from a forged one.
 */
export function eventTimestamp(parsed: unknown, rawText: string): string | undefined {
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
    const ts = (parsed as Record<string, unknown>).timestamp;
    if (typeof ts === "string" && /^\d{1,16}$/.test(ts)) return ts;
    if (typeof ts === "number" && Number.isSafeInteger(ts) && ts >= 0) return String(ts);
    return undefined;
  }
  return /"timestamp"\s*:\s*"?(\d{1,16})"?/.exec(rawText)?.[1];
}

/** True when the event time (milliseconds, or seconds for small values) is within `maxAgeMs` of now. */
export function isFreshTimestamp(
  timestamp: string,
  now: number,
  maxAgeMs = DEFAULT_MAX_EVENT_AGE_MS,
): boolean {
  const value = Number(timestamp);
  if (!Number.isFinite(value)) return false;
  const ms = value < 1e12 ? value * 1000 : value;
  return Math.abs(now - ms) <= maxAgeMs;
}
