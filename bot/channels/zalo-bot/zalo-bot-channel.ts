import { RecipientUnreachableError } from "../../../lib/errors.js";
import type { Reply } from "../../../lib/reply.js";
import type { InboundMessage, TurnResult } from "../../core/types.js";
import type { Channel } from "../channel.js";
import type { ChannelConfig, ChannelDeps } from "../channel-config.js";
import { createNumberMenu } from "./number-menu.js";
import { renderReplies } from "./render-replies.js";
import { registerZaloBotWebhook, ZALO_BOT_WEBHOOK_PATH } from "./webhook-route.js";
import { createZaloBotApi, type ZaloBotApi, ZaloBotApiError } from "./zalo-bot-api.js";

/** Tuning knobs, mostly for tests. */
export interface ZaloBotChannelOptions {
  /** Redis key prefix (default "motcua:", the dispatcher's). */
  prefix?: string;
  /** Show "typing…" only when a turn takes longer than this (default 500 ms). */
  typingDelayMs?: number;
  /** Pause before the one retry of a send that failed for a passing reason (default 500 ms). */
  retryDelayMs?: number;
  api?: ZaloBotApi;
}

/** The Zalo Bot Platform channel is on when both its token and its webhook secret are set. */
export function isZaloBotEnabled(config: ChannelConfig): boolean {
  return Boolean(config.ZALO_BOT_TOKEN && config.ZALO_BOT_WEBHOOK_SECRET);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Zalo Bot Platform channel (Telegram-like API at `{ZALO_BOT_API_ROOT}/bot<token>/…`): webhook
 * in, plain-text `sendMessage` out, a reply's buttons as a numbered list whose numbers the citizen
 * can type back. It only parses, renders and sends; every message goes through the dispatcher.
 */
export function createZaloBotChannel(
  deps: Pick<ChannelDeps, "config" | "dispatcher" | "logger" | "redis">,
  options: ZaloBotChannelOptions = {},
): Channel {
  const { config, dispatcher, redis } = deps;
  const token = config.ZALO_BOT_TOKEN ?? "";
  const secret = config.ZALO_BOT_WEBHOOK_SECRET ?? "";
  if (!token || !secret)
    throw new Error("the Zalo bot channel needs ZALO_BOT_TOKEN and ZALO_BOT_WEBHOOK_SECRET");
  const logger = deps.logger.child({ channel: "zalo-bot" });
  const api = options.api ?? createZaloBotApi({ apiRoot: config.ZALO_BOT_API_ROOT, token });
  const menu = createNumberMenu(redis, {
    prefix: options.prefix ?? "motcua:",
    ttlSeconds: config.SESSION_TTL_SECONDS,
  });
  const typingDelayMs = options.typingDelayMs ?? 500;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const inFlight = new Set<Promise<void>>();

  /** Sends one message; a permanent refusal is logged and ends the turn's sending, a passing one is retried once then thrown. */
  async function sendText(chatId: string, text: string, messageId?: string): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await api.sendMessage(chatId, text);
        return true;
      } catch (err) {
        if (err instanceof ZaloBotApiError && !err.retryable) {
          logger.warn({ err, messageId }, "zalo-bot refused the reply; dropped");
          return false;
        }
        if (attempt >= 2) throw err;
        await sleep(retryDelayMs);
      }
    }
  }

  /** Sends a turn's replies; false when the platform refused the first one (the chat is gone or blocked). */
  async function send(
    chatId: string,
    replies: Reply[],
    result: TurnResult,
    messageId?: string,
  ): Promise<boolean> {
    if (!replies.length) return true;
    const { texts, payloads } = renderReplies(replies);
    for (const [i, text] of texts.entries()) if (!(await sendText(chatId, text, messageId))) return i > 0;
    // A flood warning is not an answer, nor a notification without options: the numbers of the
    // last answer stay valid (and a push costs no Redis round trip).
    if (result.meta.intent === "flood" || (result.meta.intent === "notify" && !payloads.length)) return true;
    await menu
      .remember(chatId, payloads)
      .catch((err) => logger.warn({ err }, "could not remember the numbered options"));
    return true;
  }

  async function handle(inbound: InboundMessage): Promise<void> {
    let message = inbound;
    const chatId = message.conversation;
    if (message.kind === "text") {
      const payload = await menu.resolve(chatId, message.text).catch((err) => {
        logger.warn({ err }, "numbered options unavailable; handling the number as text");
        return undefined;
      });
      if (payload) message = { ...message, text: undefined, payload, kind: "payload" };
    }
    const typing = setTimeout(() => {
      api.sendChatAction(chatId, "typing").catch((err) => logger.debug({ err }, "typing action failed"));
    }, typingDelayMs);
    try {
      await dispatcher.dispatch(message, async (replies, result) => {
        clearTimeout(typing);
        await send(chatId, replies, result, message.messageId);
      });
    } catch (err) {
      logger.error({ err, messageId: message.messageId }, "zalo-bot update failed");
    } finally {
      clearTimeout(typing);
    }
  }

  function accept(message: InboundMessage): void {
    const work = handle(message).finally(() => inFlight.delete(work));
    inFlight.add(work);
  }

  return {
    name: "zalo-bot",
    routes: (app) => registerZaloBotWebhook(app, { secret, logger, accept }),
    async push(chatId, replies) {
      const meta = { intent: "notify", action: null, codes: [], fields: [], feedback_code: null };
      if (!(await send(chatId, replies, { replies, meta }))) throw new RecipientUnreachableError("blocked");
    },
    async start() {
      if (secret.length < 8 || secret.length > 256)
        logger.warn("ZALO_BOT_WEBHOOK_SECRET should be 8 to 256 characters long; the platform may refuse it");
      if (!config.PUBLIC_URL) {
        logger.info("PUBLIC_URL is not set: register the zalo-bot webhook yourself");
        return;
      }
      const url = `${config.PUBLIC_URL.replace(/\/+$/u, "")}${ZALO_BOT_WEBHOOK_PATH}`;
      try {
        await api.setWebhook(url, secret);
        logger.info({ url }, "zalo-bot webhook registered");
      } catch (err) {
        // The webhook set earlier may still work; the log says what to fix.
        logger.error({ err, url }, "zalo-bot setWebhook failed");
      }
    },
    async stop() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
