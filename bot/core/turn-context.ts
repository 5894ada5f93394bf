import type { Logger } from "pino";
import type { FeedbackService } from "../../feedback/feedback-service.js";
import type { LearningService } from "../../feedback/learning/learning-service.js";
import type { Decision, KnowledgeBase } from "../../knowledge/decision-types.js";
import type { Reply } from "../../lib/reply.js";
import type { Session } from "./session.js";
import type { InboundMessage, TurnMeta } from "./types.js";

/** What every conversation step may use. */
export interface BotDeps {
  kb: KnowledgeBase;
  logger: Logger;
  /** The PAKN pipeline; without it (no database) the bot still answers and says filing is unavailable. */
  feedback?: FeedbackService;
  /** The miss log and helpful votes; without it (no database) nothing is learned. */
  learning?: LearningService;
  /** The clock (the consent's time); the machine's when not given. */
  now?: () => Date;
}

/** One turn: the inbound message, the session to read and change, and the replies being built. */
export interface TurnContext {
  deps: BotDeps;
  message: InboundMessage;
  /** Text with whitespace collapsed and trimmed; empty when there is none. */
  text: string;
  session: Session;
  replies: Reply[];
  meta: TurnMeta;
  /** The knowledge base's decision this turn answered with, if any (for the miss log). */
  decision?: Decision;
  /** Set when the turn could not answer well: nothing found, or a choice offered (for the miss log). */
  missed?: "not_found" | "clarify";
  /** Adds replies and records what the turn was. */
  reply(replies: Reply | Reply[], meta?: Partial<TurnMeta>): void;
}

/** Starts a turn context for a message. */
export function createTurnContext(deps: BotDeps, message: InboundMessage, session: Session): TurnContext {
  const ctx: TurnContext = {
    deps,
    message,
    text: (message.text ?? "").normalize("NFC").replace(/\s+/g, " ").trim(),
    session,
    replies: [],
    meta: { intent: "unknown", action: null, codes: [], fields: [], feedback_code: null },
    reply(replies, meta) {
      ctx.replies.push(...(Array.isArray(replies) ? replies : [replies]));
      if (meta) Object.assign(ctx.meta, meta);
    },
  };
  return ctx;
}
