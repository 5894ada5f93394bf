import { autoRetry } from "@grammyjs/auto-retry";
import { type RunnerHandle, run, sequentialize } from "@grammyjs/runner";
import { Bot, GrammyError, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { RecipientUnreachableError } from "../../../lib/errors.js";
import type { Reply } from "../../../lib/reply.js";
import type { Dispatcher } from "../../core/dispatch.js";
import type { Channel } from "../channel.js";
import type { ChannelConfig } from "../channel-config.js";
import { BOT_COMMANDS } from "./bot-commands.js";
import { createCallbackData } from "./callback-data.js";
import { describeError } from "./describe-error.js";
import { parseUpdate } from "./parse-update.js";
import { renderReply } from "./render-reply.js";
import { retryTransient } from "./retry-transient.js";
import { registerTelegramWebhook, TELEGRAM_WEBHOOK_PATH } from "./webhook-route.js";

/** The update types the bot asks Telegram for; everything else is never sent to us. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** What the Telegram channel needs. */
export interface TelegramChannelDeps {
  config: Pick<
    ChannelConfig,
    "TELEGRAM_BOT_TOKEN" | "TELEGRAM_API_ROOT" | "TELEGRAM_WEBHOOK_SECRET" | "PUBLIC_URL"
  >;
  dispatcher: Dispatcher;
  logger: Logger;
  redis: Redis;
  /** Redis key prefix for stored button payloads (tests use their own). */
  prefix?: string;
  /**
   * Turns in flight (running or queued behind their chat) up to which a webhook is answered as
   * soon as the update is read; beyond it the request waits for its turn, so Telegram slows down.
   */
  webhookBacklog?: number;
  /** How long a waiting webhook request holds before answering 200 anyway (Telegram waits longer). */
  webhookTimeoutMs?: number;
  /** Pauses before sending a reply piece again after a network or 5xx failure. */
  retryDelaysMs?: readonly number[];
  /** Show "typing…" only when a turn takes longer than this (default 300 ms). */
  typingDelayMs?: number;
  /** How long `start()` waits for getMe before carrying on without it. */
  initTimeoutMs?: number;
}

/** Errors after which sending again cannot help: the citizen blocked the bot, the chat is gone. */
function isPermanent(err: unknown): boolean {
  return err instanceof GrammyError && (err.error_code === 403 || /chat not found/i.test(err.description));
}

/**
 * The Telegram channel (grammY): parses updates, hands them to the dispatcher and renders the
 * replies as HTML with inline keyboards. Webhook mode when TELEGRAM_WEBHOOK_SECRET is set
 * (`POST /webhooks/telegram`, `setWebhook` at start when PUBLIC_URL is set), long polling with
 * grammY's runner otherwise.
 */
export function createTelegramChannel(deps: TelegramChannelDeps): Channel {
  const { config, dispatcher } = deps;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error("TELEGRAM_BOT_TOKEN is not set");
  const secret = config.TELEGRAM_WEBHOOK_SECRET;
  const logger = deps.logger.child({ channel: "telegram" });
  const bot = new Bot(token, { client: { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, "") } });
  // Waits out 429s only: network and server errors go to `retryTransient` (a couple of short
  // retries per reply piece) instead of holding the conversation through an outage with backoff.
  bot.api.config.use(
    autoRetry({
      maxRetryAttempts: 3,
      maxDelaySeconds: 30,
      rethrowHttpErrors: true,
      rethrowInternalServerErrors: true,
    }),
  );
  const callbackData = createCallbackData(deps.redis, { prefix: deps.prefix });
  const backlog = deps.webhookBacklog ?? 500;
  const retryDelaysMs = deps.retryDelaysMs ?? [1_000, 4_000];
  const typingDelayMs = deps.typingDelayMs ?? 300;
  /** Turns still running (also after their webhook request was answered), awaited by stop(). */
  const inFlight = new Set<Promise<void>>();
  let runner: RunnerHandle | undefined;

  bot.catch((err) => logger.error({ err: describeError(err) }, "telegram update failed"));
  bot.use((ctx, next) => {
    const updateId = ctx.update.update_id;
    // Logged here, never rethrown: grammY would wrap the error with its context (API client, token).
    const task = next().catch((err) =>
      logger.error({ err: describeError(err), updateId }, "telegram update failed"),
    );
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
    // Long polling: the runner awaits each update. Webhook: answered as soon as the update is read
    // (the turn goes on in the background, its failed sends retried here), unless the backlog is
    // full: then the request waits for its turn, and Telegram, which keeps few connections open
    // per bot, slows down instead of piling up turns here.
    if (!secret || inFlight.size > backlog) return task;
  });
  // One turn at a time per chat within this process; the dispatcher's lease orders across processes.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use((ctx) => handleUpdate(ctx.update));

  async function handleUpdate(update: Update): Promise<void> {
    const parsed = parseUpdate(update);
    if (!parsed) return;
    const { chatId, message } = parsed;
    const chores: Promise<unknown>[] = [];
    if (parsed.type === "button") {
      // Every press is answered, also stale ones, so the button stops spinning.
      chores.push(bot.api.answerCallbackQuery(parsed.callbackQueryId).catch(ignore("answerCallbackQuery")));
      message.payload = await callbackData.decode(parsed.data).catch((err) => {
        logger.warn({ err: describeError(err) }, "button payload lookup failed");
        return parsed.data;
      });
    }
    // "typing…" only when the answer takes long enough for a person to notice; a quick answer saves the call.
    const typing = setTimeout(() => {
      chores.push(bot.api.sendChatAction(chatId, "typing").catch(ignore("sendChatAction")));
    }, typingDelayMs);
    try {
      await dispatcher.dispatch(message, async (replies) => {
        clearTimeout(typing);
        await send(chatId, replies);
      });
    } finally {
      clearTimeout(typing);
      await Promise.all(chores);
    }
  }

  /** Sends in order; a chat that blocked the bot or is gone ends the sending (reported, not thrown). */
  async function send(chatId: number, replies: Reply[]): Promise<"sent" | "blocked"> {
    for (const reply of replies) {
      for (const piece of await renderReply(reply, callbackData)) {
        const call = () =>
          bot.api.sendMessage(chatId, piece.text, {
            parse_mode: "HTML",
            link_preview_options: { is_disabled: true },
            ...(piece.replyMarkup ? { reply_markup: piece.replyMarkup } : {}),
          });
        try {
          await retryTransient(call, retryDelaysMs, (err, attempt) =>
            logger.warn({ err: describeError(err), attempt }, "telegram sendMessage failed, trying again"),
          );
        } catch (err) {
          if (!isPermanent(err)) throw err;
          logger.info({ err: describeError(err) }, "telegram chat unreachable, reply dropped");
          return "blocked";
        }
      }
    }
    return "sent";
  }

  function ignore(method: string) {
    return (err: unknown) => logger.debug({ err: describeError(err), method }, "telegram call failed");
  }

  async function setUp(): Promise<void> {
    try {
      const signal = AbortSignal.timeout(deps.initTimeoutMs ?? 10_000) as Parameters<typeof bot.init>[0];
      await bot.init(signal);
    } catch (err) {
      logger.error({ err: describeError(err) }, "telegram getMe failed; commands and webhook not set");
      return;
    }
    await bot.api
      .setMyCommands([...BOT_COMMANDS])
      .catch((err) => logger.warn({ err: describeError(err) }, "telegram setMyCommands failed"));
    if (!secret) {
      // getUpdates is refused while a webhook is set.
      await bot.api
        .deleteWebhook()
        .catch((err) => logger.warn({ err: describeError(err) }, "telegram deleteWebhook failed"));
    } else if (config.PUBLIC_URL) {
      const url = `${config.PUBLIC_URL.replace(/\/+$/, "")}${TELEGRAM_WEBHOOK_PATH}`;
      await bot.api
        .setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] })
        .then(() => logger.info({ url }, "telegram webhook set"))
        .catch((err) => logger.error({ err: describeError(err) }, "telegram setWebhook failed"));
    } else {
      logger.info("PUBLIC_URL is unset: set the Telegram webhook to <public url>/webhooks/telegram yourself");
    }
  }

  return {
    name: "telegram",
    async push(conversation, replies) {
      if ((await send(Number(conversation), replies)) === "blocked")
        throw new RecipientUnreachableError("blocked");
    },
    routes(app) {
      if (!secret) return;
      const timeoutMs = deps.webhookTimeoutMs ?? 1_500;
      // On timeout the turn goes on and only logs its failures, like every answered turn.
      const callback = webhookCallback(bot, "fastify", {
        secretToken: secret,
        onTimeout: "return",
        timeoutMilliseconds: timeoutMs,
      });
      registerTelegramWebhook(app, {
        secret,
        logger,
        handle: async (request, reply) => {
          // grammY's own getMe on the first update retries without end; bound it (Telegram redelivers).
          if (!bot.isInited())
            await bot.init(AbortSignal.timeout(timeoutMs) as Parameters<typeof bot.init>[0]);
          await callback(request, reply);
        },
      });
    },
    async start() {
      await setUp();
      if (secret) return;
      runner = run(bot, { runner: { silent: true, fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
      runner
        .task()
        ?.catch((err) => logger.error({ err: describeError(err) }, "telegram long polling stopped"));
      logger.info("telegram long polling started");
    },
    async stop() {
      const polling = runner;
      runner = undefined;
      await polling?.stop()?.catch(() => undefined);
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
