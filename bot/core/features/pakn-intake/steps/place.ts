import { paknButton } from "../../pakn-buttons.js";
import { PAKN_LABELS, PAKN_TEXTS } from "../../pakn-texts.js";
import { isShortReply } from "../../typed-choice.js";
import type { IntakeStep, PaknDraft } from "../draft.js";
import { askChoiceAgain, goNext, type IntakeMove, type IntakeStepDefinition } from "../step-definition.js";

/** The step after the place (or a related procedure): photos, except for a question ticket. */
export function afterPlace(draft: PaknDraft): IntakeStep {
  return draft.kind === "question" ? "consent" : "attachments";
}

/** A place or agency typed as the answer; a yes, a no or a number that fits no choice is not a place. */
export function takePlace(draft: PaknDraft, text: string): IntakeMove {
  if (isShortReply(text)) return askChoiceAgain();
  draft.place = text.slice(0, 300);
  draft.suggestedCode = undefined;
  return goNext();
}

/** Where it happened, or which agency it is about (optional). */
export const placeStep: IntakeStepDefinition = {
  prompt: () => ({ text: PAKN_TEXTS.askPlace, buttons: [paknButton(PAKN_LABELS.skip, { type: "skip" })] }),
  typedChoices: true,
  onButton: (_ctx, _draft, button) => (button.type === "skip" ? goNext() : undefined),
  onText: (ctx, draft) => takePlace(draft, ctx.text),
  next: afterPlace,
};
