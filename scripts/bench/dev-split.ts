import { createHash } from "node:crypto";

/** The two parts of the dev sets: TUNE may be looked at while developing, HELD only measured. */
export type DevPart = "tune" | "held";

/**
 * The part a dev question or conversation belongs to, from its id alone (first hex digit of
 * sha1(id): 0–7 tune, 8–f held), so every engineer and every relabelled file split alike.
 */
export function devPart(id: string): DevPart {
  const first = createHash("sha1").update(id).digest("hex")[0] as string;
  return Number.parseInt(first, 16) < 8 ? "tune" : "held";
}
