import { mentionsComplaintOrDenunciation } from "../../feedback-intent.js";
import { paknButton } from "../../pakn-buttons.js";
import { PAKN_LABELS, PAKN_TEXTS } from "../../pakn-texts.js";
import { isShortReply } from "../../typed-choice.js";
import { explainComplaintPath } from "../endings.js";
import { askChoiceAgain, goNext, handled, type IntakeStepDefinition } from "../step-definition.js";
import { takeContent } from "./content.js";

/** Phản ánh or kiến nghị (khiếu nại and tố cáo have their own legal path). */
export const kindStep: IntakeStepDefinition = {
  prompt: () => ({
    text: PAKN_TEXTS.askKind,
    buttons: [
      paknButton(PAKN_LABELS.phanAnh, { type: "kind", kind: "phan_anh" }),
      paknButton(PAKN_LABELS.kienNghi, { type: "kind", kind: "kien_nghi" }),
      paknButton(PAKN_LABELS.complaint, { type: "complaint_path" }),
    ],
  }),
  typedChoices: true,
  onButton(_ctx, draft, button) {
    if (button.type !== "kind") return undefined;
    draft.kind = button.kind;
    return goNext();
  },
  onText(ctx, draft) {
    if (mentionsComplaintOrDenunciation(ctx.text)) {
      explainComplaintPath(ctx);
      return handled();
    }
    if (isShortReply(ctx.text)) return askChoiceAgain();
    // A description typed instead of choosing is a phản ánh: it is the content, and the dialog goes on.
    draft.kind = "phan_anh";
    return takeContent(ctx, draft, ctx.text);
  },
  next: "content",
};
