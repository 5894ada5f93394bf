import type { PushMessage } from "../feedback/notify-citizen.js";
import type { SendSlots } from "./send-slots.js";

/**
 * Telegram's limits for a bot are about 30 messages a second in all and one a second per chat;
 * slots are spaced with a margin (25/s, 1.05 s), since a send leaves a little after its slot.
 */
export const TELEGRAM_LIMITS = { perBotMs: 40, perChatMs: 1_050 } as const;

/**
 * Wraps a push so that Telegram notifications keep Telegram's limits across every worker process:
 * first the chat's slot (≥ 1 s apart), then the bot's (40 ms apart, so ≤ 25 in any second). Other
 * channels pass straight through. Throws SendLater when a slot is too far off.
 */
export function throttledPush(push: PushMessage, slots: SendSlots): PushMessage {
  return async (channel, conversation, replies, options) => {
    if (channel === "telegram") {
      await slots.take(`telegram:chat:${conversation}`, TELEGRAM_LIMITS.perChatMs);
      await slots.take("telegram:bot", TELEGRAM_LIMITS.perBotMs);
    }
    return push(channel, conversation, replies, options);
  };
}
