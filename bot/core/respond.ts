import { offeredCandidates } from "../../knowledge/compose/compose-clarify.js";
import { composeAnswerCached, composeClarify, composeUnderReview } from "../../knowledge/compose/index.js";
import type { SearchHit } from "../../knowledge/decision-types.js";
import type { Field, Procedure } from "../../knowledge/procedure.js";
import { RECENT_LIMIT } from "./session.js";
import type { TurnContext } from "./turn-context.js";

/**
 * Answers with a procedure (the asked parts first) and remembers it for follow-ups; for a procedure
 * editors marked "đang rà soát", gives the agency's contact instead of possibly outdated details.
 */
export function respondWithProcedure(
  ctx: TurnContext,
  procedure: Procedure,
  fields: Field[],
  options: { intent: string; full?: boolean; metaFields?: Field[] },
): void {
  ctx.session.lastCode = procedure.code;
  const earlier = (ctx.session.recentCodes ?? []).filter((c) => c !== procedure.code);
  ctx.session.recentCodes = [procedure.code, ...earlier].slice(0, RECENT_LIMIT);
  ctx.session.candidateCodes = undefined;
  ctx.session.pendingFields = undefined;
  ctx.session.lastOutOfScope = undefined;
  const message = ctx.deps.kb.isReviewing(procedure.code)
    ? composeUnderReview(procedure)
    : composeAnswerCached(procedure, fields, { full: options.full });
  ctx.reply(message, {
    intent: options.intent,
    action: "answer",
    codes: [procedure.code],
    fields: options.metaFields ?? fields,
  });
}

/** Asks which of the candidates the citizen means and remembers them for the next message. */
export function respondWithCandidates(
  ctx: TurnContext,
  hits: SearchHit[],
  fields: Field[],
  intent: string,
): void {
  ctx.session.candidateCodes = offeredCandidates(hits).map((h) => h.procedure.code);
  ctx.session.pendingFields = fields;
  ctx.session.lastOutOfScope = undefined;
  ctx.reply(composeClarify(hits, fields), {
    intent,
    action: "clarify",
    codes: ctx.session.candidateCodes,
    fields,
  });
}
