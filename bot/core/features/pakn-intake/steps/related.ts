import { truncateAtWord } from "../../../../../knowledge/compose/split-text.js";
import { paknButton } from "../../pakn-buttons.js";
import { fill, PAKN_LABELS, PAKN_TEXTS } from "../../pakn-texts.js";
import { goNext, type IntakeStepDefinition } from "../step-definition.js";
import { afterPlace, takePlace } from "./place.js";

/** Whether the content is about the procedure the knowledge base found for it (a place may be typed instead). */
export const relatedStep: IntakeStepDefinition = {
  prompt(draft, kb) {
    const procedure = draft.suggestedCode ? kb.get(draft.suggestedCode) : undefined;
    const name = procedure?.name ?? "";
    return {
      text: fill(PAKN_TEXTS.askRelated, { name: truncateAtWord(name, 200) }),
      buttons: [
        paknButton(`Liên quan thủ tục ${truncateAtWord(name, 32)}?`, {
          type: "related",
          code: draft.suggestedCode ?? null,
        }),
        paknButton(PAKN_LABELS.notRelated, { type: "related", code: null }),
      ],
    };
  },
  typedChoices: true,
  onButton(_ctx, draft, button) {
    if (button.type !== "related") return undefined;
    draft.procedureCode = button.code && button.code === draft.suggestedCode ? button.code : undefined;
    draft.suggestedCode = undefined;
    return goNext();
  },
  onText: (ctx, draft) => takePlace(draft, ctx.text),
  // About that procedure, or a place typed instead: on to the photos; not related: where it happened
  // is still worth asking.
  next: (draft) => (draft.procedureCode || draft.place ? afterPlace(draft) : "place"),
};
