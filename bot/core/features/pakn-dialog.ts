import { isPlausibleAddress, isPlausibleName } from "../../../feedback/pakn-input-rules.js";
import { normalizeVnPhone } from "../../../feedback/vn-phone.js";
import { textReply } from "../../../lib/reply.js";
import type { Step } from "../compose-steps.js";
import type { TurnContext } from "../turn-context.js";
import { answerIfFound } from "./kb-question.js";
import { isCancelText } from "./pakn-answers.js";
import { isProcedureQuestion, mentionsComplaintOrDenunciation } from "./pakn-classify.js";
import type { IntakeStep, PaknDraft } from "./pakn-draft.js";
import { afterKind, afterPlaceStep, askAgain, moveTo, startIntake, takeContent } from "./pakn-flow.js";
import { decodePaknAction, isPaknPayload, type PaknAction } from "./pakn-payloads.js";
import { promptFor, startAgainButton } from "./pakn-prompts.js";
import { confirmDraft } from "./pakn-submit.js";
import { PAKN_TEXTS } from "./pakn-texts.js";
import { replyOwnList, replyTracking } from "./pakn-track.js";
import { describeChoices, isShortReply, typedChoice } from "./typed-choice.js";

/** Ends the intake: nothing is kept. */
export function cancelIntake(ctx: TurnContext): void {
  ctx.session.intake = undefined;
  ctx.reply(textReply(PAKN_TEXTS.cancelled), { intent: "feedback_cancel" });
}

/** Starts a question ticket for an officer with the question the knowledge base found nothing for. */
export function startHandoff(ctx: TurnContext): void {
  const question = ctx.session.handoffQuestion;
  ctx.session.handoffQuestion = undefined;
  startIntake(ctx, { kind: "question", content: question });
  if (!question && ctx.deps.feedback) ctx.replies.unshift(textReply(PAKN_TEXTS.askQuestionAgain));
}

/** Explains where complaints and denunciations go instead; an intake in progress is dropped. */
export function explainComplaintPath(ctx: TurnContext): void {
  ctx.session.intake = undefined;
  ctx.reply(textReply(PAKN_TEXTS.complaintPath), { intent: "complaint_path" });
}

function expired(ctx: TurnContext): void {
  ctx.reply({ text: PAKN_TEXTS.expired, buttons: [startAgainButton()] }, { intent: "feedback_expired" });
}

/** Button presses of the intake; a press that does not fit the current step re-asks that step. */
async function onAction(ctx: TurnContext, action: PaknAction): Promise<void> {
  const { session } = ctx;
  const draft = session.intake;
  switch (action.type) {
    case "start":
      return startIntake(ctx);
    case "handoff":
      return startHandoff(ctx);
    case "complaint_path":
      return explainComplaintPath(ctx);
    case "cancel":
      if (!draft) return expired(ctx);
      return cancelIntake(ctx);
    case "track":
      return replyTracking(ctx, action.code);
    case "own_list":
      return replyOwnList(ctx);
    case "confirm":
      return confirmDraft(ctx);
  }
  if (!draft) return expired(ctx);
  switch (action.type) {
    case "accept_offer":
      if (draft.step !== "offer") return askAgain(ctx, draft);
      // The citizen pressed "Gửi phản ánh" about something that went wrong: that is the kind.
      draft.kind = "phan_anh";
      return afterKind(ctx, draft);
    case "decline_offer":
      if (draft.step !== "offer") return askAgain(ctx, draft);
      return declineOffer(ctx, draft);
    case "kind":
      if (draft.step !== "kind") return askAgain(ctx, draft);
      draft.kind = action.kind;
      return afterKind(ctx, draft);
    case "related":
      if (draft.step !== "related") return askAgain(ctx, draft);
      draft.procedureCode = action.code && action.code === draft.suggestedCode ? action.code : undefined;
      draft.suggestedCode = undefined;
      // Not about that procedure: where it happened is still worth asking.
      if (!draft.procedureCode) return moveTo(ctx, draft, "place");
      return afterPlaceStep(ctx, draft);
    case "skip":
      if (draft.step === "place") return afterPlaceStep(ctx, draft);
      if (draft.step === "attachments") return moveTo(ctx, draft, "consent");
      return askAgain(ctx, draft);
    case "consent":
      if (draft.step !== "consent") return askAgain(ctx, draft);
      return onConsent(ctx, draft, action.agree);
    case "edit":
      if (draft.step !== "review") return askAgain(ctx, draft);
      draft.editing = true;
      return moveTo(ctx, draft, "content");
  }
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

function onConsent(ctx: TurnContext, draft: PaknDraft, agree: boolean): void {
  if (!agree) {
    ctx.session.intake = undefined;
    ctx.reply(textReply(PAKN_TEXTS.consentRefused), { intent: "feedback_consent_refused" });
    return;
  }
  draft.consentAt = new Date().toISOString();
  moveTo(ctx, draft, "name");
}

/** The steps whose question has choice buttons, which a typed word or number can press. */
const CHOICE_STEPS = new Set<IntakeStep>([
  "offer",
  "kind",
  "related",
  "place",
  "attachments",
  "consent",
  "review",
]);

/** Asks the current question again, naming its choices as they can be typed. */
function askChoiceAgain(ctx: TurnContext, draft: PaknDraft, lead?: string): void {
  const { buttons } = promptFor(draft, ctx.deps.kb);
  const choices = `${PAKN_TEXTS.choiceNotUnderstood}\n${describeChoices(buttons)}`;
  askAgain(ctx, draft, lead ? `${lead}\n${choices}` : choices);
}

/** A typed answer to the current step: a choice typed out presses its button; other text fills the step's field. */
async function onText(ctx: TurnContext, draft: PaknDraft): Promise<void> {
  const { text } = ctx;
  if (CHOICE_STEPS.has(draft.step)) {
    const picked = typedChoice(promptFor(draft, ctx.deps.kb).buttons, text);
    const action = picked ? decodePaknAction(picked.payload) : null;
    if (action) return onAction(ctx, action);
  }
  switch (draft.step) {
    case "offer":
      return askChoiceAgain(ctx, draft);
    case "kind":
      if (mentionsComplaintOrDenunciation(text)) return explainComplaintPath(ctx);
      if (isShortReply(text)) return askChoiceAgain(ctx, draft);
      // A description typed instead of choosing is a phản ánh: it is the content, and the dialog goes on.
      draft.kind = "phan_anh";
      return takeContent(ctx, draft, text);
    case "content":
      if (mentionsComplaintOrDenunciation(text)) return explainComplaintPath(ctx);
      return takeContent(ctx, draft, text);
    case "related":
    case "place":
      // A yes, a no or a number that fits no choice is not a place.
      if (isShortReply(text)) return askChoiceAgain(ctx, draft);
      draft.place = text.slice(0, 300);
      draft.suggestedCode = undefined;
      return afterPlaceStep(ctx, draft);
    case "attachments":
      return askChoiceAgain(ctx, draft, PAKN_TEXTS.attachmentsHint);
    case "consent":
    case "review":
      return askChoiceAgain(ctx, draft);
    case "name":
      if (!isPlausibleName(text)) return askAgain(ctx, draft, PAKN_TEXTS.nameInvalid);
      draft.name = text;
      return moveTo(ctx, draft, "phone");
    case "phone": {
      const phone = normalizeVnPhone(text);
      if (!phone) return askAgain(ctx, draft, PAKN_TEXTS.phoneInvalid);
      draft.phone = phone;
      return moveTo(ctx, draft, "address");
    }
    case "address":
      if (!isPlausibleAddress(text)) return askAgain(ctx, draft, PAKN_TEXTS.addressInvalid);
      draft.address = text;
      return moveTo(ctx, draft, "review");
  }
}

/**
 * Drives the PAKN intake: its buttons (also from an expired session: explained plainly) and, while
 * a draft is open, every typed message as the answer to the current question. `/huy`, "hủy" and
 * "thôi" cancel at any step; other slash commands pass on (the draft waits).
 */
export const paknDialog: Step<TurnContext> = async (ctx, next) => {
  const raw = ctx.message.payload;
  if (raw !== undefined) {
    if (!isPaknPayload(raw)) return next();
    const action = decodePaknAction(raw);
    if (!action) return expired(ctx);
    return onAction(ctx, action);
  }
  const draft = ctx.session.intake;
  if (!draft) return next();
  if (draft.step === "offer") {
    if (isCancelText(ctx.text)) return declineOffer(ctx, draft);
    // A yes, a no or a number answers the offer (or has it asked again, naming the choices); with
    // anything else (a command, a new question or report, thanks) the citizen moved on.
    if (ctx.text.startsWith("/") || !isShortReply(ctx.text)) {
      ctx.session.intake = undefined;
      return next();
    }
    return onText(ctx, draft);
  }
  if (isCancelText(ctx.text, draft.step)) return cancelIntake(ctx);
  if (ctx.text.startsWith("/")) {
    if (/^\/phananh\b/i.test(ctx.text)) return askAgain(ctx, draft, PAKN_TEXTS.inProgress);
    return next();
  }
  return onText(ctx, draft);
};
