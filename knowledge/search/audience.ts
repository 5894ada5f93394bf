import { foldTokens } from "../normalize.js";
import type { Procedure } from "../procedure.js";
import { AUDIENCE_WORDS, containsPhrase } from "./variants.js";

/**
 * Whether a procedure serves only organisations (its đối tượng names no citizen), so a citizen
 * who names no company, cooperative or association is offered the procedure for people first.
 */
export function servesOrganisationsOnly(p: Procedure): boolean {
  if (p.audience.length === 0) return false;
  return !p.audience.some((a) => {
    const words = foldTokens(a);
    return AUDIENCE_WORDS.citizen.some((c) => containsPhrase(words, c));
  });
}

/** Whether a message (folded words) names an organisation as the one who asks. */
export function namesOrganisation(tokens: readonly string[]): boolean {
  return AUDIENCE_WORDS.organisation.some((o) => containsPhrase(tokens, o));
}
