import { TEXTS } from "../../../knowledge/compose/index.js";
import { normalizeText } from "../../../knowledge/normalize.js";
import type { Step } from "../compose-steps.js";
import type { TurnContext } from "../turn-context.js";
import { textReply } from "../types.js";

// Folded, normalized forms (see normalizeText): whole-message greetings and thanks only, so
// "chào ad, làm khai sinh cần gì" still reaches the knowledge base.
const GREETING =
  /^(?:(?:xin )?chao|hi|hello|helo|hey|alo|a lo|good morning)(?: (?:ban|ad|admin|em|anh|chi|bot|shop|ca nha|moi nguoi|a|ạ|nhe|nha))*$/;
const THANKS =
  /^(?:(?:xin )?cam on|thank(?:s| you)?|thanks?|tks|thank u|ok cam on|cam on nhieu)(?: .{0,20})?$/;
const BYE = /^(?:tam biet|bye|bai|goodbye)(?: .{0,15})?$/;

/** Answers greetings, thanks and goodbyes that carry no question. */
export const smallTalk: Step<TurnContext> = async (ctx, next) => {
  const folded = normalizeText(ctx.text)
    .replace(/[^\p{L}\p{N} ]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (GREETING.test(folded)) {
    ctx.reply(textReply(TEXTS.welcome), { intent: "greeting" });
    return;
  }
  if (THANKS.test(folded) && !/\b(?:nhung|cho hoi|hoi|can|lam)\b/.test(folded)) {
    ctx.reply(textReply(TEXTS.youAreWelcome), { intent: "thanks" });
    return;
  }
  if (BYE.test(folded)) {
    ctx.reply(textReply(TEXTS.goodbye), { intent: "bye" });
    return;
  }
  return next();
};
