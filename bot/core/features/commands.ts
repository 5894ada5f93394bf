import { TEXTS } from "../../../knowledge/compose/index.js";
import { type Reply, textReply } from "../../../lib/reply.js";
import type { Step } from "../compose-steps.js";
import type { TurnContext } from "../turn-context.js";
import { startIntake } from "./pakn-flow.js";
import { fileButton } from "./pakn-prompts.js";
import { replyOwnList, replyTracking } from "./pakn-track.js";
import { typedMeanings } from "./typed-replies.js";

/** The welcome (and help), with filing offered as a button when the PAKN pipeline is there. */
export function welcomeReply(ctx: TurnContext): Reply {
  return { text: TEXTS.welcome, buttons: ctx.deps.feedback ? [fileButton()] : [] };
}

/**
 * Filing asked for in words ("gửi phản ánh", "kiến nghị", "gửi phản ánh, kiến nghị" typed out):
 * the intake starts, with the kind when the words name one.
 */
function startFromWords(ctx: TurnContext): boolean {
  const meanings = typedMeanings(ctx.text, { wholeOnly: true });
  const kind = meanings.has("phan_anh") ? "phan_anh" : meanings.has("kien_nghi") ? "kien_nghi" : undefined;
  if (!kind && !meanings.has("file")) return false;
  startIntake(ctx, { kind });
  if (ctx.deps.feedback) ctx.meta.intent = "feedback";
  return true;
}

const COMMAND = /^\/([a-z_]+)(?:@\w+)?(?:\s+(.*))?$/i;

/**
 * Handles slash commands (/start, /help, /hoi, /huy, /phananh, /tracuu; /bosung is the supplement's); `/hoi <câu hỏi>` passes
 * the question on as if typed. Filing asked for in words works like /phananh.
 */
export const commands: Step<TurnContext> = async (ctx, next) => {
  const match = COMMAND.exec(ctx.text);
  if (!match) {
    if (ctx.message.payload === undefined && startFromWords(ctx)) return;
    return next();
  }
  const name = (match[1] ?? "").toLowerCase();
  const rest = (match[2] ?? "").trim();
  switch (name) {
    case "start":
    case "help":
    case "trogiup":
      ctx.reply(welcomeReply(ctx), { intent: name === "start" ? "start" : "help" });
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
      ctx.reply(welcomeReply(ctx), { intent: "help" });
  }
};
