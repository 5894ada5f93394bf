import type { Procedure } from "../procedure.js";
import { isOnlineChannel } from "./channel-text.js";
import { cleanInline, isBlank } from "./clean-text.js";
import { type PlacePhrases, placePhrases } from "./fact-phrases.js";
import { hasUnbalancedBrackets } from "./fragments.js";
import { truncateAtWord } from "./split-text.js";

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

/** A place after "tại" in a description, up to the end of its clause. */
const AT_PLACE = /(?:^|[\s(\-+])tại\s+([^.;:\n]{4,200})/giu;

/**
 * The places the channel descriptions name for filing in person ("Nộp hồ sơ trực tiếp tại trụ sở
 * Cục Quản lý xuất nhập cảnh"), each once; only clauses that start like a place count, so "tại
 * khoản 1 Điều 16" or "tại thời điểm nộp" are not taken for one.
 */
export function inPersonPlaces(procedure: Procedure, phrases: PlacePhrases = placePhrases()): string[] {
  const seen = new Set<string>();
  const places: string[] = [];
  for (const channel of procedure.channels) {
    if (isOnlineChannel(channel) || isBlank(channel.description)) continue;
    for (const match of cleanInline(channel.description).matchAll(AT_PLACE)) {
      let place = (match[1] ?? "").replace(/\s+-\s.*$/u, "").trim();
      // A clause cut inside a bracket keeps what comes before the bracket.
      if (hasUnbalancedBrackets(place)) place = place.slice(0, place.lastIndexOf("(")).trim();
      // An aside in brackets that starts in lower case ("(có thể khai … trước)") is not the place.
      place = place.replace(/\s*\(\p{Ll}[^()]*\)/gu, "").replace(/[\s,(]+$/u, "");
      const lower = place.toLocaleLowerCase("vi");
      if (!phrases.inPerson.some((cue) => lower.startsWith(cue)) || seen.has(lower)) continue;
      seen.add(lower);
      places.push(truncateAtWord(place, 160));
    }
  }
  return places;
}
