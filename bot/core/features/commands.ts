import { type Reply, textReply } from "../../../lib/reply.js";
import { concatSteps, type Step } from "../compose-steps.js";
import { command, parseCommand, text } from "../filters.js";
import type { SessionReset } from "../session.js";
import { TEXTS } from "../texts.js";
import type { TurnContext } from "../turn-context.js";
import { fileButton, startIntake } from "./pakn-intake/index.js";
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

/** Starts the intake (/phananh). */
function startFiling(ctx: TurnContext): void {
  startIntake(ctx);
  if (ctx.deps.feedback) ctx.meta.intent = "feedback";
}

/**
 * Handles slash commands (/start, /help, /hoi, /huy, /phananh, /tracuu; /bosung is the supplement's):
 * `/huy` starts over, each feature resetting its own part of the session (`resets`); `/hoi <câu hỏi>`
 * passes the question on as if typed. Filing asked for in words works like /phananh.
 */
export function commands(resets: readonly SessionReset[]): Step<TurnContext> {
  return concatSteps([
    text(async (ctx, next) => {
      if (parseCommand(ctx.text) || !startFromWords(ctx)) return next();
    }),
    command("start", (ctx) => ctx.reply(welcomeReply(ctx), { intent: "start" })),
    command(["help", "trogiup"], (ctx) => ctx.reply(welcomeReply(ctx), { intent: "help" })),
    command("huy", (ctx) => {
      for (const reset of resets) reset(ctx.session);
      ctx.reply(textReply(TEXTS.cancelled), { intent: "cancel" });
    }),
    command("phananh", startFiling),
    command("tracuu", (ctx, args) => (args ? replyTracking(ctx, args) : replyOwnList(ctx))),
    // Any other command gets the help; /hoi comes last, as what it passes on is read as typed.
    command(
      (name) => name !== "hoi",
      (ctx) => ctx.reply(welcomeReply(ctx), { intent: "help" }),
    ),
    command("hoi", (ctx, args, next) => {
      if (!args) return ctx.reply(textReply(TEXTS.askPrompt), { intent: "ask" });
      ctx.text = args;
      return next();
    }),
  ]);
}
