import { foldDiacritics, normalizeTokens } from "../../knowledge/normalize.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import { compileRoutingRules, type RoutingRule } from "../routing/routing-rules.js";

/** One Open311 service: a field (lĩnh vực) PAKN are routed by. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: "realtime";
  keywords: string;
  group: string;
}

/** Our categories as Open311 services, and the mapping from a PAKN's field to one of them. */
export interface ServiceCatalog {
  readonly services: readonly Open311Service[];
  get(code: string): Open311Service | undefined;
  /** The service a PAKN's field belongs to: its own, the one its words point to, or "khac". */
  serviceOf(field: string | null): Open311Service;
}

/** The catch-all service for PAKN whose field is unknown or not one of the routing fields. */
export const OTHER_SERVICE_CODE = "khac";

/** Keywords shown per service (a taste of the vocabulary, not the whole rule). */
const MAX_KEYWORDS = 12;

/** A stable ASCII slug of a Vietnamese name: "Xây dựng, đô thị" → "xay-dung-do-thi". */
export function serviceCodeOf(name: string): string {
  return foldDiacritics(name.normalize("NFC").toLowerCase())
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Builds the catalog from the routing rules (assets/routing-rules.tsv): one service per field,
 * grouped under the agency that receives it, with the rule's first keywords, plus "Lĩnh vực khác".
 * A field that is not a rule's (a procedure's own lĩnh vực) maps to the service its words match.
 */
export function createServiceCatalog(
  rules: readonly RoutingRule[],
  agencies: AgencyDirectory,
): ServiceCatalog {
  const byCode = new Map<string, Open311Service & { agency: string }>();
  const byField = new Map<string, string>();
  for (const rule of rules) {
    const code = serviceCodeOf(rule.field);
    if (!code || code === OTHER_SERVICE_CODE) continue;
    byField.set(rule.field, code);
    const known = byCode.get(code);
    if (known) {
      const more = rule.keywords.filter((k) => !known.keywords.split(", ").includes(k));
      known.keywords = [...known.keywords.split(", "), ...more].slice(0, MAX_KEYWORDS).join(", ");
      continue;
    }
    const agency = agencies.get(rule.agency)?.name ?? rule.agency;
    byCode.set(code, {
      service_code: code,
      service_name: rule.field,
      description: `Phản ánh, kiến nghị về lĩnh vực ${rule.field.toLowerCase()}; cơ quan tiếp nhận, xử lý chính: ${agency}.`,
      metadata: false,
      type: "realtime",
      keywords: rule.keywords.slice(0, MAX_KEYWORDS).join(", "),
      group: agency,
      agency: rule.agency,
    });
  }
  const other: Open311Service = {
    service_code: OTHER_SERVICE_CODE,
    service_name: "Lĩnh vực khác",
    description:
      "Phản ánh, kiến nghị chưa rõ lĩnh vực; điều phối viên Văn phòng UBND tỉnh chuyển đến cơ quan có thẩm quyền.",
    metadata: false,
    type: "realtime",
    keywords: "khác, chưa rõ lĩnh vực",
    group: "Văn phòng UBND tỉnh",
  };
  const services: Open311Service[] = [
    ...[...byCode.values()].map(({ agency: _agency, ...service }) => service),
    other,
  ];
  const index = new Map(services.map((s) => [s.service_code, s]));
  const matcher = compileRoutingRules(rules);
  const fieldCache = new Map<string, Open311Service>();
  return {
    services,
    get: (code) => index.get(code),
    serviceOf(field) {
      if (!field?.trim()) return other;
      const cached = fieldCache.get(field);
      if (cached) return cached;
      const code = byField.get(field) ?? byField.get(matcher.match(normalizeTokens(field))[0]?.field ?? "");
      const service = (code && index.get(code)) || other;
      fieldCache.set(field, service);
      return service;
    },
  };
}
