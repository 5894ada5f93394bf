import { TEXTS } from "../../knowledge/compose/index.js";
import { textReply } from "../../lib/reply.js";
import { composeSteps } from "./compose-steps.js";
import { buttons } from "./features/buttons.js";
import { commands } from "./features/commands.js";
import { guardInput } from "./features/guard-input.js";
import { kbQuestion } from "./features/kb-question.js";
import { learnFromMisses } from "./features/learn-from-misses.js";
import { paknAttachments } from "./features/pakn-attachments.js";
import { paknDetect } from "./features/pakn-detect.js";
import { paknDialog } from "./features/pakn-dialog.js";
import { paknRate } from "./features/pakn-rate.js";
import { paknSupplement } from "./features/pakn-supplement.js";
import { smallTalk } from "./features/small-talk.js";
import { waitingUpdates } from "./features/waiting-updates.js";
import { newSession, type Session, type SessionStore, sessionKey } from "./session.js";
import { type BotDeps, createTurnContext } from "./turn-context.js";
import type { InboundMessage, TurnResult } from "./types.js";

/** The conversation core every channel runs. */
export interface Bot {
  handle(message: InboundMessage): Promise<TurnResult>;
}

/**
 * Builds the conversation core: updates the citizen missed first, then the PAKN intake's photos, input guard, ratings of published
 * answers, supplements officers asked for, the PAKN intake dialog, buttons, commands, small talk, PAKN lookups and offers, then the
 * knowledge base as the fallback, inside an error boundary that always answers politely.
 */
export function createBot(deps: BotDeps & { sessions: SessionStore }): Bot {
  const run = composeSteps([
    waitingUpdates,
    paknAttachments,
    guardInput,
    learnFromMisses,
    paknRate,
    paknSupplement,
    paknDialog,
    buttons,
    commands,
    smallTalk,
    paknDetect,
    kbQuestion,
  ]);
  const { sessions, logger } = deps;

  async function loadSession(key: string): Promise<Session> {
    try {
      return (await sessions.get(key)) ?? newSession();
    } catch (err) {
      // A lost session only costs the follow-up context; the question still gets an answer.
      logger.warn({ err }, "session store unavailable, continuing without context");
      return newSession();
    }
  }

  return {
    async handle(message) {
      const key = sessionKey(message.channel, message.conversation);
      const session = await loadSession(key);
      const ctx = createTurnContext(deps, message, session);
      try {
        await run(ctx);
      } catch (err) {
        logger.error({ err, channel: message.channel }, "conversation step failed");
        ctx.replies = [textReply(TEXTS.error)];
        ctx.meta = { intent: "error", action: null, codes: [], fields: [], feedback_code: null };
      }
      session.turns += 1;
      try {
        await sessions.set(key, session);
      } catch (err) {
        logger.warn({ err }, "could not save session");
      }
      return { replies: ctx.replies, meta: ctx.meta };
    },
  };
}
