import { textReply } from "../../../../../lib/reply.js";
import { paknButton } from "../../pakn-buttons.js";
import { PAKN_LABELS, PAKN_TEXTS } from "../../pakn-texts.js";
import { askChoiceAgain, goNext, handled, type IntakeStepDefinition } from "../step-definition.js";

/** The personal-data notice (Luật Bảo vệ dữ liệu cá nhân), agreed to before any contact is asked. */
export const consentStep: IntakeStepDefinition = {
  prompt: () => ({
    text: PAKN_TEXTS.consent,
    buttons: [
      paknButton(PAKN_LABELS.agree, { type: "consent", agree: true }),
      paknButton(PAKN_LABELS.disagree, { type: "consent", agree: false }),
    ],
  }),
  typedChoices: true,
  onButton(ctx, draft, button) {
    if (button.type !== "consent") return undefined;
    if (!button.agree) {
      ctx.session.intake = undefined;
      ctx.reply(textReply(PAKN_TEXTS.consentRefused), { intent: "feedback_consent_refused" });
      return handled();
    }
    draft.consentAt = (ctx.deps.now?.() ?? new Date()).toISOString();
    return goNext();
  },
  onText: () => askChoiceAgain(),
  next: "name",
};
