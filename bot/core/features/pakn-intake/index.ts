/**
 * The PAKN intake: a table of steps (step-table.ts, one file a step in steps/) read by a small engine
 * (engine.ts), and the pipeline steps that feed it (pipeline-steps.ts).
 */
export { newDraft, type PaknDraft } from "./draft.js";
export { explainComplaintPath, resetIntake } from "./endings.js";
export { startHandoff, startIntake } from "./engine.js";
export { fileButton } from "./intake-buttons.js";
export { intakeAttachments, paknIntake } from "./pipeline-steps.js";
export { namesProcedure } from "./related-procedure.js";
export { offerReply, reportOfferReply } from "./steps/offer.js";
