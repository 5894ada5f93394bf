import type { Redis } from "ioredis";

/**
 * Remembers, per conversation, the payloads behind the last numbered list the bot showed, so a
 * citizen who answers with just a number ("2") presses that option: this platform has no buttons.
 */
export interface NumberMenu {
  /** Stores the payloads of the list just sent (option n is `payloads[n - 1]`); an empty list forgets. */
  remember(conversation: string, payloads: string[]): Promise<void>;
  /** The payload of the option a bare number picks, or undefined when the text is not such a number. */
  resolve(conversation: string, text: string | undefined): Promise<string | undefined>;
}

/** "2", " 2 ", "2.", "2)", "số 2" - a short answer that is only an option number. */
const OPTION_NUMBER = /^\s*(?:số\s*)?(\d{1,2})\s*[.)]?\s*$/iu;

/** The option number a text stands for, if it is nothing but a number. */
export function optionNumber(text: string | undefined): number | undefined {
  const match = text ? OPTION_NUMBER.exec(text) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

/** The Redis-backed menu, one key per conversation under `<prefix>zalo-bot:menu:`, expiring with the session. */
export function createNumberMenu(redis: Redis, options: { prefix: string; ttlSeconds: number }): NumberMenu {
  const key = (conversation: string) => `${options.prefix}zalo-bot:menu:${conversation}`;
  return {
    async remember(conversation, payloads) {
      if (payloads.length)
        await redis.set(key(conversation), JSON.stringify(payloads), "EX", options.ttlSeconds);
      else await redis.del(key(conversation));
    },
    async resolve(conversation, text) {
      const n = optionNumber(text);
      if (n === undefined || n < 1) return undefined;
      const stored = await redis.get(key(conversation));
      if (!stored) return undefined;
      let payloads: unknown;
      try {
        payloads = JSON.parse(stored);
      } catch {
        return undefined;
      }
      if (!Array.isArray(payloads)) return undefined;
      const payload = payloads[n - 1];
      return typeof payload === "string" ? payload : undefined;
    },
  };
}
