import type { IntakeStep } from "./draft.js";
import type { IntakeStepDefinition } from "./step-definition.js";
import { attachmentsStep } from "./steps/attachments.js";
import { consentStep } from "./steps/consent.js";
import { addressStep, nameStep, phoneStep } from "./steps/contact.js";
import { contentStep } from "./steps/content.js";
import { kindStep } from "./steps/kind.js";
import { offerStep } from "./steps/offer.js";
import { placeStep } from "./steps/place.js";
import { relatedStep } from "./steps/related.js";
import { reviewStep } from "./steps/review.js";

/**
 * Every step of the PAKN intake, in the order a citizen meets them (each step's `next` says where it
 * really goes: a question ticket skips the photos, an edit returns to the summary). One file a step
 * (the three contact details share steps/contact.ts).
 */
export const INTAKE_STEPS: Readonly<Record<IntakeStep, IntakeStepDefinition>> = {
  offer: offerStep,
  kind: kindStep,
  content: contentStep,
  related: relatedStep,
  place: placeStep,
  attachments: attachmentsStep,
  consent: consentStep,
  name: nameStep,
  phone: phoneStep,
  address: addressStep,
  review: reviewStep,
};
