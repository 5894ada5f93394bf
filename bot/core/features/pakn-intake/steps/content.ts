import { checkContent, MAX_CONTENT_CHARS } from "../../../../../feedback/pakn-input-rules.js";
import { truncateAtWord } from "../../../../../knowledge/compose/split-text.js";
import type { TurnContext } from "../../../turn-context.js";
import { mentionsComplaintOrDenunciation } from "../../feedback-intent.js";
import { PAKN_TEXTS } from "../../pakn-texts.js";
import type { PaknDraft } from "../draft.js";
import { explainComplaintPath } from "../endings.js";
import { cancelButton } from "../intake-buttons.js";
import { relatedProcedure } from "../related-procedure.js";
import { goNext, handled, type IntakeMove, type IntakeStepDefinition } from "../step-definition.js";

/**
 * Takes a piece of content: appended to what was written (or replacing it while editing), checked,
 * and either accepted (the dialog goes on; a procedure it names is noted to ask about) or answered
 * with what is missing.
 */
export function takeContent(ctx: TurnContext, draft: PaknDraft, text: string): IntakeMove {
  const previous = draft.editing ? "" : (draft.content ?? "");
  const joined = [previous, text].filter(Boolean).join("\n").trim();
  const problem = checkContent(joined);
  draft.step = "content";
  ctx.session.intake = draft;
  const cancel = [cancelButton()];
  if (problem === "too_long" || joined.length > MAX_CONTENT_CHARS) {
    ctx.reply({ text: PAKN_TEXTS.contentTooLong, buttons: cancel }, { intent: "feedback_step" });
    return handled();
  }
  if (problem === "unreadable") {
    // The unreadable piece is dropped; what was written before stays.
    ctx.reply({ text: PAKN_TEXTS.contentUnreadable, buttons: cancel }, { intent: "feedback_step" });
    return handled();
  }
  draft.content = joined;
  if (problem === "too_short") {
    const noted = joined ? `Tôi đã ghi: “${truncateAtWord(joined, 300)}”.\n` : "";
    ctx.reply({ text: noted + PAKN_TEXTS.contentTooShort, buttons: cancel }, { intent: "feedback_step" });
    return handled();
  }
  if (!draft.editing && draft.kind !== "question") {
    const code = relatedProcedure(ctx, draft.content);
    if (code) draft.suggestedCode = code;
  }
  return goNext();
}

/** What happened or what is proposed, in the citizen's words (several messages are joined). */
export const contentStep: IntakeStepDefinition = {
  prompt: (draft) => ({
    text: draft.editing ? PAKN_TEXTS.askEditContent : PAKN_TEXTS.askContent[draft.kind ?? "phan_anh"],
    buttons: [cancelButton()],
  }),
  // The content is known already (the offered message, a question for an officer): it is checked, not asked.
  onEnter: (ctx, draft) => (draft.content && !draft.editing ? takeContent(ctx, draft, "") : undefined),
  onText(ctx, draft) {
    if (mentionsComplaintOrDenunciation(ctx.text)) {
      explainComplaintPath(ctx);
      return handled();
    }
    return takeContent(ctx, draft, ctx.text);
  },
  // Rewritten from the summary: back to it; else the procedure it seems to be about, or the place.
  next: (draft) => (draft.editing ? "review" : draft.suggestedCode ? "related" : "place"),
};
