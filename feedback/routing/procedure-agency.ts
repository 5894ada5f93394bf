import { normalizeTokens } from "../../knowledge/normalize.js";
import type { Procedure } from "../../knowledge/procedure.js";
import type { AgencyDirectory } from "./agencies.js";
import type { RoutingRules } from "./routing-rules.js";

/** Where a procedure's PAKN goes: the agency and field, and whether the mapping was unambiguous. */
export interface ProcedureRoute {
  agency: string;
  field: string;
  /** The procedure's levels as on the portal ("Cấp tỉnh", "Cấp xã" …). */
  levels: string[];
  ambiguous: boolean;
}

/** Agencies that only say "the province" and tell nothing of the sector. */
const GENERIC = new Set(["ubnd-tinh"]);

/**
 * Maps a procedure to the agency that executes it: its executing agencies resolved through the
 * directory (a commune-level procedure run by the commune People's Committee goes to the commune),
 * otherwise the sector its field and name point to through the keyword rules.
 */
export function procedureRoute(
  procedure: Procedure,
  agencies: AgencyDirectory,
  rules: RoutingRules,
): ProcedureRoute | undefined {
  const resolved = procedure.agencies
    .flatMap((name) => name.split(/[,;]/))
    .map((name) => agencies.resolve(name))
    .filter((a) => a !== undefined)
    .map((a) => a.id);
  const specific = [...new Set(resolved.filter((id) => !GENERIC.has(id)))];
  const levels = procedure.levels;
  const onlyCommune = levels.length > 0 && levels.every((l) => /xã/i.test(l));
  const bySector = rules.match(normalizeTokens(`${procedure.field} ${procedure.name}`))[0];
  let agency = specific[0];
  if (onlyCommune && (specific.length === 0 || specific.includes("ubnd-xa"))) agency = "ubnd-xa";
  else if (specific.length > 1 && specific[0] === "ubnd-xa") agency = specific[1];
  agency ??= bySector?.agency ?? resolved[0];
  if (!agency) return undefined;
  const field = procedure.field || bySector?.field || "";
  const ambiguous = onlyCommune && agency === "ubnd-xa" ? specific.length > 1 : specific.length !== 1;
  return { agency, field, levels, ambiguous };
}
