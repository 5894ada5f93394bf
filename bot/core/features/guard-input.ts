import { MAX_CONTENT_CHARS, stripControlChars } from "../../../feedback/pakn-input-rules.js";
import { textReply } from "../../../lib/reply.js";
import type { Step } from "../compose-steps.js";
import { TEXTS } from "../texts.js";
import type { TurnContext } from "../turn-context.js";

/** Longest question we try to answer; longer texts get a polite request to shorten. */
export const MAX_QUESTION_CHARS = 1_000;

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Drops the control characters no one types (a NUL would stop the PAKN from ever being stored) from
 * the text every later step reads, then answers messages that carry no usable question (sticker,
 * photo, emoji only, empty, far too long).
 */
export const guardInput: Step<TurnContext> = async (ctx, next) => {
  ctx.text = stripControlChars(ctx.text).replace(/\s+/g, " ").trim();
  const { message, text } = ctx;
  if (message.payload !== undefined) return next();
  if (!text) {
    const nonText = message.kind && message.kind !== "text";
    ctx.reply(textReply(nonText ? TEXTS.nonText : TEXTS.empty), { intent: nonText ? "non_text" : "empty" });
    return;
  }
  if (!HAS_LETTER_OR_DIGIT.test(text)) {
    ctx.reply(textReply(TEXTS.nonText), { intent: "non_text" });
    return;
  }
  // A complaint's content may be longer than a question: its own limit applies while one is written.
  const step = ctx.session.intake?.step;
  const limit = step === "content" || step === "kind" ? MAX_CONTENT_CHARS : MAX_QUESTION_CHARS;
  if (text.length > limit) {
    ctx.reply(textReply(TEXTS.tooLong), { intent: "too_long" });
    return;
  }
  return next();
};
