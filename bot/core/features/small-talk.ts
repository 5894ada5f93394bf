import { normalizeText } from "../../../knowledge/normalize.js";
import { textReply } from "../../../lib/reply.js";
import type { Step } from "../compose-steps.js";
import { TEXTS } from "../texts.js";
import type { TurnContext } from "../turn-context.js";
import { welcomeReply } from "./commands.js";
import { fileButton, startHandoff } from "./pakn-intake/index.js";
import { type TypedMeaning, typedMeanings } from "./typed-replies.js";

// Folded, normalized forms (see normalizeText): whole-message greetings and thanks only, so
// "chào ad, làm khai sinh cần gì" still reaches the knowledge base.
const GREETING =
  /^(?:(?:xin )?chao|hi|hello|helo|hey|alo|a lo|good morning)(?: (?:ban|ad|admin|em|anh|chi|bot|shop|ca nha|moi nguoi|a|ạ|nhe|nha))*$/;
const THANKS =
  /^(?:(?:xin )?cam on|thank(?:s| you)?|thanks?|tks|thank u|ok cam on|cam on nhieu)(?: .{0,20})?$/;
const BYE = /^(?:tam biet|bye|bai|goodbye)(?: .{0,15})?$/;

/** Typed replies that mean something only as the answer to a question (a yes, a no, a "hả?"). */
const ANSWER_ONLY = new Set<TypedMeaning>([
  "yes",
  "no",
  "skip",
  "done",
  "confirm",
  "edit",
  "cancel",
  "unclear",
]);

/**
 * A bare "có", "không", "ok", "hả" when no question of the bot is open (no intake, no candidates
 * to choose from): asked what the citizen needs instead of a "not found".
 */
function isAnswerToNothing(ctx: TurnContext): boolean {
  if (ctx.session.intake || ctx.session.candidateCodes?.length) return false;
  const meanings = [...typedMeanings(ctx.text, { wholeOnly: true })];
  return meanings.length > 0 && meanings.every((m) => ANSWER_ONLY.has(m));
}

/** Answers greetings, thanks and goodbyes that carry no question, and yes/no replies to nothing. */
export const smallTalk: Step<TurnContext> = async (ctx, next) => {
  const folded = normalizeText(ctx.text)
    .replace(/[^\p{L}\p{N} ]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (GREETING.test(folded)) {
    ctx.reply(welcomeReply(ctx), { intent: "greeting" });
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
  if (ctx.message.payload === undefined && isAnswerToNothing(ctx)) {
    // A yes right after "Hoặc bạn có thể gửi câu hỏi để cán bộ hỗ trợ trả lời": that button.
    const meanings = typedMeanings(ctx.text, { wholeOnly: true });
    if (ctx.session.handoffQuestion && (meanings.has("yes") || meanings.has("confirm")))
      return startHandoff(ctx);
    const buttons = ctx.deps.feedback ? [fileButton()] : [];
    ctx.reply({ text: TEXTS.nothingToAnswer, buttons }, { intent: "no_question" });
    return;
  }
  return next();
};
