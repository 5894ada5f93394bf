import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { normalizeTokens } from "../../knowledge/normalize.js";
import { containsPhrase } from "../../knowledge/search/variants.js";
import type { AgencyDirectory } from "./agencies.js";

/** The bundled, admin-editable keyword rules (assets/routing-rules.tsv). */
export const BUNDLED_ROUTING_RULES_FILE = fileURLToPath(
  new URL("../../assets/routing-rules.tsv", import.meta.url),
);

/** One rule row: any of its keywords points to an agency (canonical id) and a field. */
export interface RoutingRule {
  keywords: string[];
  agency: string;
  field: string;
}

/** What the rules found for one agency: its score and the field of its best-scoring rule. */
export interface RuleMatch {
  agency: string;
  field: string;
  score: number;
  keywords: string[];
}

/** Keyword rules compiled with the same normalization as citizen messages. */
export interface RoutingRules {
  readonly size: number;
  /** Matches per agency, best first; empty when no keyword occurs. */
  match(tokens: readonly string[]): RuleMatch[];
}

/**
 * Parses the TSV rules ("keyword | keyword<TAB>agency<TAB>field", # comments). A row without
 * keywords, without a field or naming an agency the directory does not know is skipped.
 */
export function parseRoutingRules(content: string, agencies: AgencyDirectory): RoutingRule[] {
  const rules: RoutingRule[] = [];
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const [left, agencyCell, fieldCell] = line.split("\t").map((c) => c.trim());
    const keywords = (left ?? "")
      .split("|")
      .map((k) => k.trim())
      .filter(Boolean);
    const agency = agencyCell ? agencies.resolve(agencyCell) : undefined;
    if (keywords.length === 0 || !agency || !fieldCell) continue;
    rules.push({ keywords, agency: agency.id, field: fieldCell });
  }
  return rules;
}

/** A keyword's weight: multi-word keywords are more specific than single syllables. */
const keywordWeight = (length: number) => 1 + 0.5 * (length - 1);

/**
 * Compiles rules. A keyword counts once per message; a keyword contained in a longer matched
 * keyword of the same message ("thuế" inside "thuế nhập khẩu") does not count again.
 */
export function compileRoutingRules(rules: readonly RoutingRule[]): RoutingRules {
  const compiled = rules.flatMap((rule) =>
    rule.keywords
      .map((k) => ({ tokens: normalizeTokens(k), text: k, agency: rule.agency, field: rule.field }))
      .filter((k) => k.tokens.length > 0),
  );
  compiled.sort((a, b) => b.tokens.length - a.tokens.length);
  return {
    size: rules.length,
    match(tokens) {
      const hits: typeof compiled = [];
      for (const k of compiled) {
        if (!containsPhrase(tokens, k.tokens)) continue;
        const key = k.tokens.join(" ");
        if (hits.some((h) => ` ${h.tokens.join(" ")} `.includes(` ${key} `))) continue;
        hits.push(k);
      }
      const byAgency = new Map<string, RuleMatch & { fieldScores: Map<string, number> }>();
      for (const h of hits) {
        const w = keywordWeight(h.tokens.length);
        const m = byAgency.get(h.agency) ?? {
          agency: h.agency,
          field: h.field,
          score: 0,
          keywords: [],
          fieldScores: new Map<string, number>(),
        };
        m.score += w;
        m.keywords.push(h.text);
        m.fieldScores.set(h.field, (m.fieldScores.get(h.field) ?? 0) + w);
        byAgency.set(h.agency, m);
      }
      return [...byAgency.values()]
        .map(({ fieldScores, ...m }) => ({
          ...m,
          field: [...fieldScores].sort((a, b) => b[1] - a[1])[0]?.[0] ?? m.field,
        }))
        .sort((a, b) => b.score - a.score);
    },
  };
}

/** Loads a rules file (default: the bundled one) against an agency directory. */
export function loadRoutingRules(agencies: AgencyDirectory, file = BUNDLED_ROUTING_RULES_FILE): RoutingRules {
  return compileRoutingRules(parseRoutingRules(readFileSync(file, "utf8"), agencies));
}
