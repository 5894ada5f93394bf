import { composeOutOfScope, TEXTS } from "../../../knowledge/compose/index.js";
import type { Step } from "../compose-steps.js";
import { respondWithCandidates, respondWithProcedure } from "../respond.js";
import type { TurnContext } from "../turn-context.js";
import { textReply } from "../types.js";
import { encodePaknAction } from "./pakn-payloads.js";
import { PAKN_LABELS } from "./pakn-texts.js";

/**
 * Answers a question from the knowledge base: one procedure, a choice among candidates, or a
 * polite "not found"; follow-ups resolve against the last procedure or the offered candidates.
 */
export const kbQuestion: Step<TurnContext> = async (ctx) => {
  const { kb } = ctx.deps;
  const { session } = ctx;
  const decision = kb.decide(ctx.text, {
    lastCode: session.lastCode,
    candidateCodes: session.candidateCodes,
    recentCodes: session.recentCodes,
  });
  const intent = decision.followUp ? "kb_followup" : "kb_question";
  const [best] = decision.hits;
  if (decision.action === "answer" && best) {
    const shown = decision.impliedFields ? [] : decision.fields;
    respondWithProcedure(ctx, best.procedure, shown, { intent, metaFields: decision.fields });
    return;
  }
  if (decision.action === "clarify" && decision.hits.length > 1) {
    respondWithCandidates(ctx, decision.hits, decision.fields, intent);
    return;
  }
  const meta = { intent, action: "out_of_scope" as const, codes: [], fields: decision.fields };
  if (decision.elsewhere) {
    ctx.reply(composeOutOfScope({ elsewhere: decision.elsewhere }), { ...meta, intent: "elsewhere" });
    return;
  }
  if (decision.fields.length > 0 && !session.lastCode) {
    // An aspect without a topic ("lệ phí bao nhiêu?") needs the procedure's name, not an apology.
    ctx.reply(textReply(TEXTS.whichProcedure), meta);
    return;
  }
  if (!ctx.deps.feedback) {
    ctx.reply(composeOutOfScope(), meta);
    return;
  }
  // Offer to send the question to an officer (a "question" ticket through the PAKN pipeline).
  session.handoffQuestion = ctx.text.slice(0, 1_000);
  const handoff = { payload: encodePaknAction({ type: "handoff" }), label: PAKN_LABELS.handoff };
  ctx.reply(composeOutOfScope({ handoff }), meta);
};
