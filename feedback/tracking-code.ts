import { toLocalDate } from "./working-calendar.js";

const CODE = /^PAKN\.(\d{8})\.(\d{4,})$/;

/** The day (YYYYMMDD, Viet Nam time) a PAKN received at `at` is numbered under. */
export function codeDay(at: Date): string {
  return toLocalDate(at).replaceAll("-", "");
}

/** The tracking code citizens see: PAKN.YYYYMMDD.NNNN (more digits after the 9,999th of a day). */
export function formatTrackingCode(day: string, n: number): string {
  return `PAKN.${day}.${String(n).padStart(4, "0")}`;
}

/**
 * Reads a tracking code as a citizen might type it ("pakn.20261122.12", spaces, "PAKN 20261122 0012")
 * and returns its canonical form, or undefined when it is not one.
 */
export function parseTrackingCode(text: string): string | undefined {
  const m = /pakn[\s.\-_]*(\d{8})[\s.\-_]*(\d{1,6})\b/i.exec(text);
  if (!m) return undefined;
  const code = formatTrackingCode(m[1] as string, Number(m[2]));
  return CODE.test(code) ? code : undefined;
}
