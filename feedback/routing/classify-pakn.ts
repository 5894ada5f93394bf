import type { KnowledgeBase } from "../../knowledge/decision-types.js";
import { normalizeTokens } from "../../knowledge/normalize.js";
import type { AgencyDirectory } from "./agencies.js";
import { type ProcedureRoute, procedureRoute } from "./procedure-agency.js";
import type { RoutingModel } from "./routing-model.js";
import type { RoutingRules } from "./routing-rules.js";

/** What routing needs: the agencies, the keyword rules, and optionally a model and the procedures. */
export interface ClassifyPaknDeps {
  agencies: AgencyDirectory;
  rules: RoutingRules;
  model?: RoutingModel;
  knowledge?: Pick<KnowledgeBase, "get" | "decide">;
  /** Below this confidence the PAKN goes to the coordinator's triage queue (default 0.5). */
  triageThreshold?: number;
  /** Also look for a procedure the text clearly is about (default false: measured, not helping). */
  matchProcedureText?: boolean;
}

/** A citizen's PAKN content, and the procedure they picked as related, if any. */
export interface ClassifyPaknInput {
  text: string;
  procedureCode?: string | null;
}

/** The routing decision: the agency (canonical id) and field, how sure, and why. */
export interface PaknRouting {
  agency: string | null;
  field: string | null;
  confidence: number;
  source: "procedure" | "rules" | "model" | "none";
  /** Agencies by combined score, best first (at most 5). */
  candidates: Array<{ agency: string; score: number }>;
  /** True when a person (the coordinator) must route it. */
  triage: boolean;
}

/** Default confidence under which a PAKN is triaged by hand. */
export const DEFAULT_TRIAGE_THRESHOLD = 0.5;
/** Confidence given to the executing agency of a procedure the citizen picked. */
const PROCEDURE_CONFIDENCE = 0.9;
/** Weight of a procedure found from the text alone, against the rules and the model. */
const TEXT_PROCEDURE_WEIGHT = 0.5;

/** Rule score at which the rules hold 1 - 1/e (~63%) of the decision. */
const RULE_SATURATION = 2;

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Routes a PAKN, trusting first the related procedure's executing agency, then the admin's keyword
 * rules (more matched keywords, more weight), then the trained classifier, which fills the rest of
 * the weight and breaks ties; below the threshold the coordinator decides.
 */
export function classifyPakn(deps: ClassifyPaknDeps, input: ClassifyPaknInput): PaknRouting {
  const threshold = deps.triageThreshold ?? DEFAULT_TRIAGE_THRESHOLD;
  const tokens = normalizeTokens(input.text);
  const ruleMatches = deps.rules.match(tokens);
  const modelDist = deps.model?.classify(input.text) ?? [];

  const combined = new Map<string, number>();
  const add = (agency: string, w: number) => combined.set(agency, (combined.get(agency) ?? 0) + w);
  const ruleTotal = ruleMatches.reduce((a, m) => a + m.score, 0);
  const top = ruleMatches[0]?.score ?? 0;
  // One single-word keyword gives the rules ~0.4 of the say, three ~0.8; the model has the rest.
  const strength = 1 - Math.exp(-top / RULE_SATURATION);
  for (const m of ruleMatches) add(m.agency, (strength * m.score) / ruleTotal);
  const modelWeight = ruleMatches.length > 0 ? 1 - strength : 1;
  for (const m of modelDist) add(m.agency, modelWeight * m.p);

  const picked = pickedProcedure(deps, input);
  const fromText = picked ? undefined : textProcedure(deps, input.text);
  if (fromText) {
    for (const [a, s] of combined) combined.set(a, s * (1 - TEXT_PROCEDURE_WEIGHT));
    add(fromText.agency, TEXT_PROCEDURE_WEIGHT);
  }
  const ranked = [...combined].sort((a, b) => b[1] - a[1]);
  const candidates = ranked.slice(0, 5).map(([agency, score]) => ({ agency, score: r3(score) }));

  if (picked) {
    const confidence = picked.ambiguous ? PROCEDURE_CONFIDENCE - 0.15 : PROCEDURE_CONFIDENCE;
    const others = candidates.filter((c) => c.agency !== picked.agency).slice(0, 4);
    return {
      agency: picked.agency,
      field: picked.field || null,
      confidence,
      source: "procedure",
      candidates: [{ agency: picked.agency, score: confidence }, ...others],
      triage: confidence < threshold,
    };
  }
  const best = ranked[0];
  if (!best || best[1] <= 0) {
    return { agency: null, field: null, confidence: 0, source: "none", candidates: [], triage: true };
  }
  const [agency, score] = best;
  const ruleField = ruleMatches.find((m) => m.agency === agency)?.field;
  const source =
    fromText?.agency === agency ? "procedure" : ruleMatches[0]?.agency === agency ? "rules" : "model";
  const field = source === "procedure" ? fromText?.field || ruleField || null : (ruleField ?? null);
  const confidence = r3(Math.min(1, score));
  return { agency, field, confidence, source, candidates, triage: confidence < threshold };
}

function pickedProcedure(deps: ClassifyPaknDeps, input: ClassifyPaknInput): ProcedureRoute | undefined {
  const code = input.procedureCode?.trim();
  const procedure = code ? deps.knowledge?.get(code) : undefined;
  return procedure ? procedureRoute(procedure, deps.agencies, deps.rules) : undefined;
}

function textProcedure(deps: ClassifyPaknDeps, text: string): ProcedureRoute | undefined {
  if (!deps.matchProcedureText || !deps.knowledge) return undefined;
  const decision = deps.knowledge.decide(text);
  const hit = decision.action === "answer" ? decision.hits[0] : undefined;
  return hit ? procedureRoute(hit.procedure, deps.agencies, deps.rules) : undefined;
}
