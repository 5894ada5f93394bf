import { MAX_CONTENT_CHARS } from "../../../feedback/pakn-input-rules.js";
import type { Decision } from "../../../knowledge/decision-types.js";
import type { Step } from "../compose-steps.js";
import type { SessionReset } from "../session.js";
import type { TurnContext } from "../turn-context.js";
import { isProcedureQuestion } from "./feedback-intent.js";
import { respondToDecision, searchContext } from "./kb-answer.js";
import { namesProcedure, newDraft, offerReply, reportOfferReply } from "./pakn-intake/index.js";

/**
 * Answers a question from the knowledge base: one procedure, a choice among candidates, or a
 * polite "not found"; follow-ups resolve against the last procedure or the offered candidates.
 * A message that reports a problem is first offered as a PAKN (and its procedure question, if it
 * asks one, answered below the offer).
 */
export const kbQuestion: Step<TurnContext> = async (ctx) => answerQuestion(ctx);

/** What `/huy` does to the knowledge base's part of the session: the procedures talked about are forgotten. */
export const resetKbQuestion: SessionReset = (session) => {
  session.candidateCodes = undefined;
  session.pendingFields = undefined;
  session.lastCode = undefined;
  session.recentCodes = undefined;
};

/** Answers the turn's text from the knowledge base, offering a reported problem as a PAKN first. */
export function answerQuestion(ctx: TurnContext): void {
  const { kb } = ctx.deps;
  const { session } = ctx;
  const decision = kb.decide(ctx.text, searchContext(session));
  if (decision.report && ctx.deps.feedback) {
    if (decision.report.asks) {
      offerReport(ctx, decision, true);
      return;
    }
    // "… vậy có đúng không": a report that also asks gets the answer with the offer, about the
    // procedure the citizen named (a complaint's other words easily lead the search elsewhere).
    const named = isProcedureQuestion(ctx.text) ? namedInReport(decision, ctx.text) : undefined;
    offerReport(ctx, named ?? decision, named !== undefined);
    return;
  }
  respondToDecision(ctx, decision);
}

/** How far down the candidates a procedure named in a report is looked for. */
const NAMED_DEPTH = 5;

/** The decision answering the best candidate the report names by its words, if any. */
function namedInReport(decision: Decision, text: string): Decision | undefined {
  if (decision.action === "out_of_scope") return undefined;
  const hit = decision.hits.slice(0, NAMED_DEPTH).find((h) => namesProcedure(text, h.procedure.name));
  if (!hit) return undefined;
  return { ...decision, action: "answer", hits: [hit, ...decision.hits.filter((h) => h !== hit)] };
}

/**
 * Offers to forward a reported problem as a PAKN (the button first); when the message also asks
 * about a procedure that the knowledge base can answer, the answer follows the offer.
 */
function offerReport(ctx: TurnContext, decision: Decision, asks: boolean): void {
  const answerable =
    decision.action === "out_of_scope" ? decision.elsewhere !== undefined : decision.hits.length > 0;
  // Where to go instead (a file's status on the portal, another body) helps a report as well.
  if ((asks && answerable) || decision.elsewhere !== undefined)
    respondToDecision(ctx, decision, { offerFiling: false });
  const replies = ctx.replies;
  ctx.replies = [];
  ctx.session.intake = newDraft("offer", {
    content: ctx.text.slice(0, MAX_CONTENT_CHARS),
    answered: replies.length > 0 || undefined,
  });
  ctx.reply(replies.length > 0 ? reportOfferReply() : offerReply(), { intent: "feedback_offer" });
  ctx.replies.push(...replies);
}
