import type { Procedure } from "../procedure.js";
import { isOnlineChannel } from "./channel-text.js";
import { cleanInline, isBlank } from "./clean-text.js";
import { type PlacePhrases, placePhrases } from "./fact-phrases.js";

/** The national public-service portal, where every online procedure can be filed. */
export const NATIONAL_PORTAL = "https://dichvucong.gov.vn";

/** The executing agencies, or the competent authority when none is listed. */
export function agencyText(procedure: Procedure): string {
  const agencies = procedure.agencies.map(cleanInline).filter((a) => !isBlank(a));
  if (agencies.length > 0) return agencies.join("; ");
  return isBlank(procedure.authority) ? "" : cleanInline(procedure.authority);
}

/**
 * Where a dossier is usually filed when the portal names no agency and no address, from the most
 * local level of the procedure ("Cấp xã" → the commune's one-stop office); empty when unknown.
 */
export function placeByLevel(procedure: Procedure, phrases: PlacePhrases = placePhrases()): string {
  const levels = procedure.levels.map((l) => cleanInline(l).toLocaleLowerCase("vi"));
  return phrases.levels.find((p) => levels.includes(p.level))?.place ?? "";
}

/** True when the record says the procedure can be done on the VNeID app. */
export function mentionsVneid(procedure: Procedure, phrases: PlacePhrases = placePhrases()): boolean {
  const texts = [...procedure.channels.map((c) => c.description), ...procedure.steps]
    .join("\n")
    .toLocaleLowerCase("vi");
  return phrases.vneid.some((cue) => texts.includes(cue));
}

/**
 * The online route: the procedure's page on the national portal (or the portal itself), and the
 * VNeID app where the record mentions it; empty when the procedure has no online channel.
 */
export function onlineRoute(procedure: Procedure, phrases: PlacePhrases = placePhrases()): string {
  if (!procedure.channels.some(isOnlineChannel)) return "";
  const url = cleanInline(procedure.portalUrl) || NATIONAL_PORTAL;
  const vneid = mentionsVneid(procedure, phrases) ? " hoặc ứng dụng VNeID" : "";
  return `Cổng Dịch vụ công quốc gia${vneid}: ${url}`;
}
