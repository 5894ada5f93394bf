import { TEXTS } from "../../../knowledge/compose/index.js";
import type { Step } from "../compose-steps.js";
import type { TurnContext } from "../turn-context.js";

/** Longest question we try to answer; longer texts get a polite request to shorten. */
export const MAX_QUESTION_CHARS = 1_000;

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Answers messages that carry no usable question (sticker, photo, emoji only, empty, far too long). */
export const guardInput: Step<TurnContext> = async (ctx, next) => {
  const { message, text } = ctx;
  if (message.payload !== undefined) return next();
  if (!text) {
    const nonText = message.kind && message.kind !== "text";
    ctx.reply(toReply(nonText ? TEXTS.nonText : TEXTS.empty), { intent: nonText ? "non_text" : "empty" });
    return;
  }
  if (!HAS_LETTER_OR_DIGIT.test(text)) {
    ctx.reply(toReply(TEXTS.nonText), { intent: "non_text" });
    return;
  }
  if (text.length > MAX_QUESTION_CHARS) {
    ctx.reply(toReply(TEXTS.tooLong), { intent: "too_long" });
    return;
  }
  return next();
};

/** A text-only reply. */
export function toReply(text: string): { text: string; buttons: [] } {
  return { text, buttons: [] };
}
