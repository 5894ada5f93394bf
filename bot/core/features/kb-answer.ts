import { composeFaqAnswer } from "../../../knowledge/compose/compose-learned.js";
import { composeAlsoAsked, composeOutOfScope } from "../../../knowledge/compose/index.js";
import type { Decision, SearchContext } from "../../../knowledge/decision-types.js";
import { textReply } from "../../../lib/reply.js";
import { respondWithCandidates, respondWithProcedure } from "../respond.js";
import type { Session } from "../session.js";
import { TEXTS } from "../texts.js";
import type { TurnContext } from "../turn-context.js";
import { paknButton } from "./pakn-buttons.js";
import { fileButton } from "./pakn-intake/intake-buttons.js";
import { PAKN_LABELS } from "./pakn-texts.js";

/** Runs of digits as long as an ID card, insurance or phone number (spaces or dots inside). */
const LONG_NUMBER = /\d(?:[ .]?\d){7,}/g;

/** A citizen's text without the ID, insurance or phone numbers typed into it (never echoed back). */
export function withoutLongNumbers(text: string): string {
  return text.replace(LONG_NUMBER, "…");
}

/** What the conversation tells the knowledge base about this message. */
export function searchContext(session: Session): SearchContext {
  return {
    lastCode: session.lastCode,
    candidateCodes: session.candidateCodes,
    recentCodes: session.recentCodes,
    lastOutOfScope: session.lastOutOfScope,
  };
}

/**
 * Answers the turn's text when the knowledge base has something for it (a procedure, candidates to
 * choose from, or another body to turn to) and says whether it did; nothing is said otherwise.
 */
export function answerIfFound(ctx: TurnContext): boolean {
  const { session } = ctx;
  const decision = ctx.deps.kb.decide(ctx.text, searchContext(session));
  const found =
    (decision.action === "answer" && decision.hits.length > 0) ||
    (decision.action === "clarify" && decision.hits.length > 1) ||
    decision.elsewhere !== undefined;
  if (found) respondToDecision(ctx, decision);
  return found;
}

/**
 * Answers with what the knowledge base decided: an editor's answer, a procedure, a choice among
 * candidates, or where to go instead and "not found" (with the question offered to an officer).
 */
export function respondToDecision(
  ctx: TurnContext,
  decision: Decision,
  options = { offerFiling: true },
): void {
  const { session } = ctx;
  // Only the question just found nothing for can be sent to an officer by a typed "có".
  session.handoffQuestion = undefined;
  ctx.decision = decision;
  const intent = decision.followUp ? "kb_followup" : "kb_question";
  const [best] = decision.hits;
  if (decision.lesson?.kind === "faq" && decision.lesson.answer) {
    // An editor's official answer to a question the procedures do not cover, shown as such.
    const { answer, source } = decision.lesson;
    ctx.reply(composeFaqAnswer({ answer, source }), { intent: "kb_faq", action: "answer", codes: [] });
    if (options.offerFiling) offerFiling(ctx);
    return;
  }
  if (decision.action === "answer" && best) {
    const shown = decision.impliedFields ? [] : decision.fields;
    respondWithProcedure(ctx, best.procedure, shown, { intent, metaFields: decision.fields });
    if (options.offerFiling) offerFiling(ctx);
    // A second ask in the same message gets its own button rather than silence.
    if (decision.alsoAsked?.length) ctx.reply(composeAlsoAsked(decision.alsoAsked));
    return;
  }
  if (decision.action === "clarify" && decision.hits.length > 1) {
    respondWithCandidates(ctx, decision.hits, decision.fields, intent);
    ctx.missed = "clarify";
    return;
  }
  const meta = { intent, action: "out_of_scope" as const, codes: [], fields: decision.fields };
  // "nộp ở đâu" next is about this topic, not the procedure answered before it.
  session.lastOutOfScope = true;
  if (decision.elsewhere) {
    // Another body handles it; an officer can still take the question if the pointer is not enough.
    const handoff = ctx.deps.feedback ? offerHandoff(ctx) : undefined;
    ctx.reply(composeOutOfScope({ elsewhere: decision.elsewhere, handoff }), {
      ...meta,
      intent: "elsewhere",
    });
    return;
  }
  if (decision.fields.length > 0 && !session.lastCode) {
    // An aspect without a topic ("lệ phí bao nhiêu?") needs the procedure's name, not an apology.
    ctx.reply(textReply(TEXTS.whichProcedure), meta);
    return;
  }
  ctx.missed = "not_found";
  if (!ctx.deps.feedback) {
    ctx.reply(composeOutOfScope(), meta);
    return;
  }
  ctx.reply(composeOutOfScope({ handoff: offerHandoff(ctx) }), meta);
}

/**
 * Filing offered in words under an answer: a "Gửi phản ánh, kiến nghị" button on the answer's last
 * message, when the PAKN pipeline is there (an offer to file has its own button instead).
 */
function offerFiling(ctx: TurnContext): void {
  const last = ctx.replies.at(-1);
  if (!ctx.deps.feedback || !last) return;
  const file = fileButton();
  if (last.buttons.some((b) => b.payload === file.payload)) return;
  // A copy: composed answers are cached and shared between turns.
  ctx.replies[ctx.replies.length - 1] = { ...last, buttons: [...last.buttons, file] };
}

/** Keeps the question for a "question" ticket through the PAKN pipeline, and its button. */
function offerHandoff(ctx: TurnContext): { payload: string; label: string } {
  ctx.session.handoffQuestion = withoutLongNumbers(ctx.text).slice(0, 1_000);
  return paknButton(PAKN_LABELS.handoff, { type: "handoff" });
}
