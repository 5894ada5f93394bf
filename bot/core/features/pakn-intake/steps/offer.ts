import type { Reply } from "../../../../../lib/reply.js";
import { textReply } from "../../../../../lib/reply.js";
import { isSlashCommand } from "../../../filters.js";
import type { TurnContext } from "../../../turn-context.js";
import { isProcedureQuestion } from "../../feedback-intent.js";
import { answerIfFound } from "../../kb-answer.js";
import { paknButton } from "../../pakn-buttons.js";
import { PAKN_LABELS, PAKN_TEXTS } from "../../pakn-texts.js";
import { isShortReply } from "../../typed-choice.js";
import type { PaknDraft } from "../draft.js";
import { askChoiceAgain, goNext, handled, type IntakeStepDefinition } from "../step-definition.js";

/** The offer made for a complaint-like message: file it, or it was a question after all. */
export function offerReply(): Reply {
  return {
    text: PAKN_TEXTS.offer,
    buttons: [
      paknButton(PAKN_LABELS.send, { type: "accept_offer" }),
      paknButton(PAKN_LABELS.notFeedback, { type: "decline_offer" }),
    ],
  };
}

/**
 * The offer made for a reported problem that also asked about a procedure: the answer follows
 * below, so the one button files the PAKN.
 */
export function reportOfferReply(): Reply {
  return {
    text: PAKN_TEXTS.offerWithAnswer,
    buttons: [paknButton(PAKN_LABELS.send, { type: "accept_offer" })],
  };
}

/**
 * The offer declined: the message is answered as a procedure question when it asked one and was not
 * answered yet; otherwise the bot says politely that nothing is sent and how to file later.
 */
function declineOffer(ctx: TurnContext, draft: PaknDraft): void {
  ctx.session.intake = undefined;
  const content = draft.content ?? "";
  if (!draft.answered && content && isProcedureQuestionOrAsked(ctx, content)) {
    ctx.text = content;
    if (answerIfFound(ctx)) return;
  }
  ctx.reply(textReply(PAKN_TEXTS.offerDeclined), { intent: "feedback_declined" });
}

/** Whether the offered message also asked about a procedure (by its words or the report reader's). */
function isProcedureQuestionOrAsked(ctx: TurnContext, content: string): boolean {
  return isProcedureQuestion(content) || ctx.deps.kb.decide(content).report?.asks === true;
}

/**
 * The offer to file a complaint-like message (made by the knowledge-base step, kb-question.ts): the
 * message is the content already, so accepting goes on to check it.
 */
export const offerStep: IntakeStepDefinition = {
  prompt: () => offerReply(),
  typedChoices: true,
  // A yes, a no or a number answers the offer (or has it asked again, naming the choices); with
  // anything else (a command, a new question or report, thanks) the citizen moved on.
  movedOn: (text) => isSlashCommand(text) || !isShortReply(text),
  onCancel: declineOffer,
  onButton(ctx, draft, button) {
    if (button.type === "accept_offer") {
      // The citizen pressed "Gửi phản ánh" about something that went wrong: that is the kind.
      draft.kind = "phan_anh";
      return goNext();
    }
    if (button.type === "decline_offer") {
      declineOffer(ctx, draft);
      return handled();
    }
    return undefined;
  },
  onText: () => askChoiceAgain(),
  next: "content",
};
