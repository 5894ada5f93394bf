import { concatSteps, type Step } from "../../compose-steps.js";
import { message, payload, text } from "../../filters.js";
import type { TurnContext } from "../../turn-context.js";
import { decodePaknButton, PAKN_BUTTONS } from "../pakn-buttons.js";
import { replyExpired } from "./endings.js";
import { answerTyped, applyMove, pressButton } from "./engine.js";
import { INTAKE_STEPS } from "./step-table.js";

/**
 * Drives the PAKN intake: its buttons (also from an expired session: explained plainly) and, while
 * a draft is open, every typed message as the answer to the current question. `/huy`, "hủy" and
 * "thôi" cancel at any step; other slash commands pass on (the draft waits).
 */
export const paknIntake: Step<TurnContext> = concatSteps([
  payload(PAKN_BUTTONS, async (ctx, raw) => {
    const button = decodePaknButton(raw);
    return button ? pressButton(ctx, button) : replyExpired(ctx);
  }),
  text(async (ctx, next) => {
    const draft = ctx.session.intake;
    return draft ? answerTyped(ctx, draft, next) : next();
  }),
]);

/**
 * Keeps photos and locations sent while the current step takes them (the attachments question).
 * Runs before the input guard, which would otherwise answer "text only"; anything else passes on.
 */
export const intakeAttachments: Step<TurnContext> = message(async (ctx, next) => {
  const draft = ctx.session.intake;
  const onMedia = draft ? INTAKE_STEPS[draft.step].onMedia : undefined;
  const move = draft && onMedia ? onMedia(ctx, draft, ctx.message.attachments ?? []) : undefined;
  return draft && move ? applyMove(ctx, draft, move) : next();
});
