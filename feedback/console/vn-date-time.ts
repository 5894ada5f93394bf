import { VN_UTC_OFFSET_MS } from "../working-calendar.js";

/** An instant as officers read it, "dd/mm/yyyy HH:mm" in Viet Nam ("" for none). */
export function vnDateTime(at: Date | null | undefined): string {
  if (!at) return "";
  const iso = new Date(at.getTime() + VN_UTC_OFFSET_MS).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}
