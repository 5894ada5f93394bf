import { toLocalDate } from "./working-calendar.js";

/** A date as Vietnamese readers write it (dd/mm/yyyy), on Viet Nam's calendar day. */
export function formatVnDate(at: Date | string): string {
  const [y, m, d] = toLocalDate(new Date(at)).split("-");
  return `${d}/${m}/${y}`;
}
