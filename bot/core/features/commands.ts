import { TEXTS } from "../../../knowledge/compose/index.js";
import type { Step } from "../compose-steps.js";
import type { TurnContext } from "../turn-context.js";
import { textReply } from "../types.js";
import { startIntake } from "./pakn-flow.js";
import { replyOwnList, replyTracking } from "./pakn-track.js";

const COMMAND = /^\/([a-z_]+)(?:@\w+)?(?:\s+(.*))?$/i;

/**
 * Handles slash commands (/start, /help, /hoi, /huy, /phananh, /tracuu; /bosung is the supplement's); `/hoi <câu hỏi>` passes
 * the question on as if typed.
 */
export const commands: Step<TurnContext> = async (ctx, next) => {
  const match = COMMAND.exec(ctx.text);
  if (!match) return next();
  const name = (match[1] ?? "").toLowerCase();
  const rest = (match[2] ?? "").trim();
  switch (name) {
    case "start":
    case "help":
    case "trogiup":
      ctx.reply(textReply(TEXTS.welcome), { intent: name === "start" ? "start" : "help" });
      return;
    case "hoi":
      if (rest) {
        ctx.text = rest;
        return next();
      }
      ctx.reply(textReply(TEXTS.askPrompt), { intent: "ask" });
      return;
    case "huy":
      ctx.session.candidateCodes = undefined;
      ctx.session.pendingFields = undefined;
      ctx.session.lastCode = undefined;
      ctx.session.recentCodes = undefined;
      ctx.session.intake = undefined;
      // A supplement given up is not asked about again in this conversation.
      if (ctx.session.supplement)
        ctx.session.supplement = { code: ctx.session.supplement.code, declined: true };
      ctx.reply(textReply(TEXTS.cancelled), { intent: "cancel" });
      return;
    case "phananh":
      startIntake(ctx);
      if (ctx.deps.feedback) ctx.meta.intent = "feedback";
      return;
    case "tracuu":
      return rest ? replyTracking(ctx, rest) : replyOwnList(ctx);
    default:
      ctx.reply(textReply(TEXTS.help), { intent: "help" });
  }
};
