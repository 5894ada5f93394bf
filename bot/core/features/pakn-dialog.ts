import { isPlausibleAddress, isPlausibleName } from "../../../feedback/pakn-input-rules.js";
import { normalizeVnPhone } from "../../../feedback/vn-phone.js";
import type { Step } from "../compose-steps.js";
import type { TurnContext } from "../turn-context.js";
import { textReply } from "../types.js";
import { answerQuestion } from "./kb-question.js";
import { isCancelText, isTypedConfirm, isTypedDone, typedConsent, typedKind } from "./pakn-answers.js";
import { mentionsComplaintOrDenunciation } from "./pakn-classify.js";
import type { PaknDraft } from "./pakn-draft.js";
import { afterKind, afterPlaceStep, askAgain, moveTo, startIntake, takeContent } from "./pakn-flow.js";
import { decodePaknAction, isPaknPayload, type PaknAction } from "./pakn-payloads.js";
import { startAgainButton } from "./pakn-prompts.js";
import { confirmDraft } from "./pakn-submit.js";
import { PAKN_TEXTS } from "./pakn-texts.js";
import { replyOwnList, replyTracking } from "./pakn-track.js";

/** Ends the intake: nothing is kept. */
export function cancelIntake(ctx: TurnContext): void {
  ctx.session.intake = undefined;
  ctx.reply(textReply(PAKN_TEXTS.cancelled), { intent: "feedback_cancel" });
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
    case "handoff": {
      const question = session.handoffQuestion;
      session.handoffQuestion = undefined;
      startIntake(ctx, { kind: "question", content: question });
      if (!question && ctx.deps.feedback) ctx.replies.unshift(textReply(PAKN_TEXTS.askQuestionAgain));
      return;
    }
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
    case "decline_offer": {
      if (draft.step !== "offer") return askAgain(ctx, draft);
      session.intake = undefined;
      ctx.text = draft.content ?? "";
      return answerQuestion(ctx, { offerReport: false });
    }
    case "kind":
      if (draft.step !== "kind") return askAgain(ctx, draft);
      draft.kind = action.kind;
      return afterKind(ctx, draft);
    case "related":
      if (draft.step !== "related") return askAgain(ctx, draft);
      draft.procedureCode = action.code && action.code === draft.suggestedCode ? action.code : undefined;
      draft.suggestedCode = undefined;
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

function onConsent(ctx: TurnContext, draft: PaknDraft, agree: boolean): void {
  if (!agree) {
    ctx.session.intake = undefined;
    ctx.reply(textReply(PAKN_TEXTS.consentRefused), { intent: "feedback_consent_refused" });
    return;
  }
  draft.consentAt = new Date().toISOString();
  moveTo(ctx, draft, "name");
}

/** A typed answer to the current step. */
async function onText(ctx: TurnContext, draft: PaknDraft): Promise<void> {
  const { text } = ctx;
  switch (draft.step) {
    case "kind": {
      if (mentionsComplaintOrDenunciation(text)) return explainComplaintPath(ctx);
      const kind = typedKind(text);
      if (kind) {
        draft.kind = kind;
        return afterKind(ctx, draft);
      }
      if (!draft.content || text.split(/\s+/).length >= 4) {
        // A description typed instead of pressing a button is kept as (more of) the content.
        draft.content = [draft.content, text].filter(Boolean).join("\n");
        return askAgain(ctx, draft, PAKN_TEXTS.contentKept);
      }
      return askAgain(ctx, draft, PAKN_TEXTS.kindNotUnderstood);
    }
    case "content":
      if (mentionsComplaintOrDenunciation(text)) return explainComplaintPath(ctx);
      return takeContent(ctx, draft, text);
    case "related":
    case "place":
      draft.place = text.slice(0, 300);
      draft.suggestedCode = undefined;
      return afterPlaceStep(ctx, draft);
    case "attachments":
      if (isTypedDone(text)) return moveTo(ctx, draft, "consent");
      return askAgain(ctx, draft, PAKN_TEXTS.attachmentsHint);
    case "consent": {
      const agree = typedConsent(text);
      if (agree === undefined) return askAgain(ctx, draft, PAKN_TEXTS.consentNotUnderstood);
      return onConsent(ctx, draft, agree);
    }
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
    case "review":
      if (isTypedConfirm(text)) return confirmDraft(ctx);
      return askAgain(ctx, draft);
    case "offer":
      return;
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
  if (isCancelText(ctx.text, draft.step)) return cancelIntake(ctx);
  if (draft.step === "offer") {
    // The citizen moved on without answering the offer: treat the message as usual.
    ctx.session.intake = undefined;
    return next();
  }
  if (ctx.text.startsWith("/")) {
    if (/^\/phananh\b/i.test(ctx.text)) return askAgain(ctx, draft, PAKN_TEXTS.inProgress);
    return next();
  }
  return onText(ctx, draft);
};
