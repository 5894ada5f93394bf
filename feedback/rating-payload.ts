import { payloadKind } from "../lib/button-payload.js";
import type { Button } from "../lib/reply.js";

/** The question under a published answer. */
export const RATING_QUESTION = "Bạn hài lòng với câu trả lời này ở mức nào?";

/** The five answers, 1 (worst) to 5 (best); each label starts with its number (Zalo bot users type it). */
export const RATING_LABELS = [
  "1 – Rất kém",
  "2 – Kém",
  "3 – Bình thường",
  "4 – Hài lòng",
  "5 – Rất hài lòng",
];

const RATE = payloadKind("rate");

/** The payload of a rating button: `rate|PAKN.20261122.0012|5` (well under Telegram's 64 bytes). */
export function encodeRatingPayload(code: string, rating: number): string {
  return RATE.encode(code, rating);
}

/** Whether a payload is a rating button's (even a malformed one). */
export function isRatingPayload(raw: string | undefined): raw is string {
  return RATE.owns(raw);
}

/** Decodes a rating button's payload; null for anything malformed. */
export function decodeRatingPayload(raw: string): { code: string; rating: number } | null {
  const m = /^rate\|(PAKN\.\d{8}\.\d{4,})\|([1-5])$/.exec(raw);
  return m ? { code: m[1] as string, rating: Number(m[2]) } : null;
}

/** The five buttons under a published answer, for the PAKN with that code. */
export function ratingButtons(code: string): Button[] {
  return RATING_LABELS.map((label, i) => ({ label, payload: encodeRatingPayload(code, i + 1) }));
}
