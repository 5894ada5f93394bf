import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Compares the webhook's secret-token header with ours in constant time (both hashed first, so
 * neither the content nor the length leaks through timing). A missing header never matches.
 */
export function secretTokenMatches(received: string | string[] | undefined, expected: string): boolean {
  if (typeof received !== "string" || !received || !expected) return false;
  return timingSafeEqual(digest(received), digest(expected));
}
