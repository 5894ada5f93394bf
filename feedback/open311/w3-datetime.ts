import { VN_UTC_OFFSET_MS } from "../working-calendar.js";

/**
 * An instant as Open311 wants it (the W3C profile of ISO 8601 with the zone), in Viet Nam time:
 * `2026-11-22T08:15:30+07:00`, so a reader sees the local wall-clock time the desk worked by.
 */
export function toVnW3(at: Date): string {
  return `${new Date(at.getTime() + VN_UTC_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

const W3 =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * Reads a W3C date-time (`2010-01-01T00:00:00Z`, `2010-01-01T07:00+07:00`, `2010-01-01`, `2010`).
 * A date or a time without a zone is taken as Viet Nam time; undefined when it is not one.
 */
export function parseW3(text: string): Date | undefined {
  const m = W3.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", zone] = m;
  const offset = !zone || zone === "Z" ? (zone === "Z" ? "Z" : "+07:00") : zone;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  if (Number.isNaN(at.getTime())) return undefined;
  // Reject impossible calendar dates (2026-02-31) that Date would roll over.
  const check = new Date(at.getTime() + (offset === "Z" ? 0 : offsetMs(offset)));
  if (check.getUTCMonth() + 1 !== Number(mo) || check.getUTCDate() !== Number(d)) return undefined;
  return at;
}

function offsetMs(offset: string): number {
  const sign = offset.startsWith("-") ? -1 : 1;
  const [hh = "0", mm = "0"] = offset.slice(1).split(":");
  return sign * (Number(hh) * 60 + Number(mm)) * 60_000;
}
