import type { Logger } from "pino";
import { type Reply, textReply } from "../../lib/reply.js";
import type { ConversationLock } from "./conversation-lock.js";
import type { Bot } from "./create-bot.js";
import type { DeliveryDedupe } from "./delivery-dedupe.js";
import type { FloodLimit } from "./flood-limit.js";
import { sessionKey } from "./session.js";
import { TEXTS } from "./texts.js";
import type { InboundMessage, TurnResult } from "./types.js";

/** Sends a turn's replies on the channel the message came from. */
export type SendReplies = (replies: Reply[], result: TurnResult) => Promise<void>;

/** What every channel hands its parsed messages to. */
export interface Dispatcher {
  /**
   * Handles one delivery: once per delivery id, one turn at a time per conversation, replies sent
   * inside the turn so they keep the order of the messages. Returns null for a redelivery.
   */
  dispatch(message: InboundMessage, send: SendReplies): Promise<TurnResult | null>;
}

const floodMeta = { intent: "flood", action: null, codes: [], fields: [], feedback_code: null };

/** Wraps the conversation core with the delivery rules every channel shares. */
export function createDispatcher(deps: {
  bot: Bot;
  dedupe: DeliveryDedupe;
  lock: ConversationLock;
  flood: FloodLimit;
  logger: Logger;
}): Dispatcher {
  const { bot, dedupe, lock, flood, logger } = deps;

  async function claim(message: InboundMessage): Promise<boolean> {
    if (!message.messageId) return true;
    try {
      return await dedupe.claim(message.channel, message.messageId);
    } catch (err) {
      // Better to answer twice than to leave a citizen without an answer.
      logger.warn({ err, channel: message.channel }, "dedupe unavailable, handling delivery anyway");
      return true;
    }
  }

  return {
    async dispatch(message, send) {
      if (!(await claim(message))) {
        logger.info({ channel: message.channel, messageId: message.messageId }, "duplicate delivery ignored");
        return null;
      }
      return lock.run(sessionKey(message.channel, message.conversation), async () => {
        const verdict = await flood.check(message.channel, message.user);
        if (verdict !== "ok") {
          const result: TurnResult = {
            replies: verdict === "warn" ? [textReply(TEXTS.slowDown)] : [],
            meta: floodMeta,
          };
          if (result.replies.length) await send(result.replies, result);
          return result;
        }
        const result = await bot.handle(message);
        try {
          await send(result.replies, result);
        } catch (err) {
          // Nothing reached the citizen: let the channel's redelivery try again.
          if (message.messageId)
            await dedupe.release(message.channel, message.messageId).catch(() => undefined);
          throw err;
        }
        return result;
      });
    },
  };
}
