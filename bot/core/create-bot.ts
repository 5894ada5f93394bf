import { textReply } from "../../lib/reply.js";
import { composeSteps } from "./compose-steps.js";
import { buttons } from "./features/buttons.js";
import { commands } from "./features/commands.js";
import { guardInput } from "./features/guard-input.js";
import { kbQuestion, resetKbQuestion } from "./features/kb-question.js";
import { learnFromMisses } from "./features/learn-from-misses.js";
import { paknDetect } from "./features/pakn-detect.js";
import { intakeAttachments, paknIntake, resetIntake } from "./features/pakn-intake/index.js";
import { paknRate } from "./features/pakn-rate.js";
import { paknSupplement, resetSupplement } from "./features/pakn-supplement.js";
import { smallTalk } from "./features/small-talk.js";
import { waitingUpdates } from "./features/waiting-updates.js";
import { newSession, type Session, type SessionReset, type SessionStore, sessionKey } from "./session.js";
import { TEXTS } from "./texts.js";
import { type BotDeps, createTurnContext } from "./turn-context.js";
import type { InboundMessage, TurnResult } from "./types.js";

/** The conversation core every channel runs. */
export interface Bot {
  handle(message: InboundMessage): Promise<TurnResult>;
}

/** What `/huy` forgets: every feature that keeps something in the session resets its own part. */
const START_OVER: readonly SessionReset[] = [resetKbQuestion, resetIntake, resetSupplement];

/**
 * Steps that must see a message before the input guard: `waitingUpdates` wraps the whole turn (the
 * updates it finds go before this turn's replies), and the intake's photos and places carry no text,
 * which the guard would answer with "text only".
 */
const BEFORE_GUARD = [waitingUpdates, intakeAttachments];

/**
 * Questions the bot asked and is waiting on, before anything reads the message as new: each takes
 * its own buttons and, while its question is open, the typed answer, and passes the rest on.
 * `learnFromMisses` first, as it wraps the rest to log what the finished turn missed; a bare number
 * is read as a rating, and an unprompted text as a possible supplement, only while no intake is open;
 * the intake takes its cancel words and commands before the commands do (`/huy` cancels the draft only).
 */
const OPEN_QUESTIONS = [learnFromMisses, paknRate, paknSupplement, paknIntake];

/**
 * Fresh requests: `buttons` answers every payload no earlier step took (the procedures' buttons, or
 * "unknown button"), so steps with payloads of their own come before it; then commands, small talk
 * and PAKN lookups, which each answer only what they recognise.
 */
const REQUESTS = [buttons, commands(START_OVER), smallTalk, paknDetect];

/**
 * Builds the conversation core: the steps before the input guard, the guard, the questions waiting
 * for an answer, fresh requests, then the knowledge base as the fallback, inside an error boundary
 * that always answers politely.
 */
export function createBot(deps: BotDeps & { sessions: SessionStore }): Bot {
  const run = composeSteps([...BEFORE_GUARD, guardInput, ...OPEN_QUESTIONS, ...REQUESTS, kbQuestion]);
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
