import { isPlausibleAddress, isPlausibleName } from "../../../../../feedback/pakn-input-rules.js";
import { normalizeVnPhone } from "../../../../../feedback/vn-phone.js";
import { PAKN_TEXTS } from "../../pakn-texts.js";
import type { IntakeStep } from "../draft.js";
import { cancelButton } from "../intake-buttons.js";
import { askAgain, goNext, type IntakeStepDefinition } from "../step-definition.js";

/** A contact detail typed out: asked, read (undefined when it does not fit: asked again after `invalid`), kept. */
function contactStep(
  field: "name" | "phone" | "address",
  texts: { ask: string; invalid: string },
  read: (text: string) => string | undefined,
  next: IntakeStep,
): IntakeStepDefinition {
  return {
    prompt: () => ({ text: texts.ask, buttons: [cancelButton()] }),
    onText(ctx, draft) {
      const value = read(ctx.text);
      if (!value) return askAgain(texts.invalid);
      draft[field] = value;
      return goNext();
    },
    next,
  };
}

/** The sender's full name (NĐ 20/2008/NĐ-CP asks for name, phone and address, one question each). */
export const nameStep = contactStep(
  "name",
  { ask: PAKN_TEXTS.askName, invalid: PAKN_TEXTS.nameInvalid },
  (text) => (isPlausibleName(text) ? text : undefined),
  "phone",
);

/** The sender's phone number, kept in one normal form (0912345678). */
export const phoneStep = contactStep(
  "phone",
  { ask: PAKN_TEXTS.askPhone, invalid: PAKN_TEXTS.phoneInvalid },
  normalizeVnPhone,
  "address",
);

/** The sender's contact address. */
export const addressStep = contactStep(
  "address",
  { ask: PAKN_TEXTS.askAddress, invalid: PAKN_TEXTS.addressInvalid },
  (text) => (isPlausibleAddress(text) ? text : undefined),
  "review",
);
