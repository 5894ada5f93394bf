import { textReply } from "../../../../lib/reply.js";
import type { SessionReset } from "../../session.js";
import type { TurnContext } from "../../turn-context.js";
import { PAKN_TEXTS } from "../pakn-texts.js";
import { startAgainButton } from "./intake-buttons.js";

/** What `/huy` does to the intake's part of the session: the draft is dropped. */
export const resetIntake: SessionReset = (session) => {
  session.intake = undefined;
};

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

/** Says that the draft a button belonged to is gone (the session expired), with a button to start again. */
export function replyExpired(ctx: TurnContext): void {
  ctx.reply({ text: PAKN_TEXTS.expired, buttons: [startAgainButton()] }, { intent: "feedback_expired" });
}
