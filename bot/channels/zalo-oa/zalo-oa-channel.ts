import { RecipientUnreachableError } from "../../../lib/errors.js";
import type { Channel } from "../channel.js";
import type { ChannelConfig, ChannelDeps } from "../channel-config.js";
import { createZaloOaClient } from "./oa-client.js";
import { ZALO_CHANNEL, type ZaloEventOutcome } from "./parse-event.js";
import { createZaloSender } from "./send-replies.js";
import { errorSummary } from "./token-keeper.js";
import { registerZaloWebhook } from "./webhook-route.js";
import { WINDOW_ERRORS } from "./zalo-errors.js";

/** Knobs for tests; production uses the defaults. */
export interface ZaloOaChannelOptions {
  now?: () => number;
  maxEventAgeMs?: number;
  /** How often start()'s timer checks whether the token needs renewing (default 10 minutes). */
  tokenCheckMs?: number;
  /** Renew when less than this is left (default one hour). */
  renewAheadMs?: number;
  retryDelaysMs?: readonly number[];
}

/** The Zalo OA channel is on when the app id, the OA secret key and an access or refresh token are set. */
export function isZaloOaEnabled(config: ChannelConfig): boolean {
  return Boolean(
    config.ZALO_APP_ID &&
      config.ZALO_OA_SECRET_KEY &&
      (config.ZALO_ACCESS_TOKEN || config.ZALO_REFRESH_TOKEN),
  );
}

/**
 * The Zalo Official Account channel: verified webhook events are acknowledged at once and
 * dispatched in the background; replies go out as consultation messages with the token pair kept
 * in PostgreSQL; stop() waits for the replies still being sent.
 */
export function createZaloOaChannel(deps: ChannelDeps, options: ZaloOaChannelOptions = {}): Channel {
  const { config, dispatcher, database } = deps;
  const logger = deps.logger.child({ channel: ZALO_CHANNEL });
  const appId = config.ZALO_APP_ID;
  const oaSecretKey = config.ZALO_OA_SECRET_KEY;
  if (!appId || !oaSecretKey) throw new Error("Zalo OA needs ZALO_APP_ID and ZALO_OA_SECRET_KEY");
  if (config.ZALO_REFRESH_TOKEN && !config.ZALO_APP_SECRET)
    logger.warn("ZALO_APP_SECRET is not set: access tokens cannot be renewed");

  const { api, tokens } = createZaloOaClient(
    { config, db: database.db, logger },
    { now: options.now, renewAheadMs: options.renewAheadMs },
  );
  const send = createZaloSender({
    api,
    tokens,
    db: database.db,
    logger,
    retryDelaysMs: options.retryDelaysMs,
  });
  const inflight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;

  function onEvent(outcome: ZaloEventOutcome): void {
    if (outcome.kind === "ignored") {
      logger.debug({ event: outcome.event }, "event ignored");
      return;
    }
    const message = outcome.message;
    const task: Promise<void> = dispatcher
      .dispatch(message, async (replies) => {
        await send(message.user, replies);
      })
      .then(
        () => undefined,
        (err) => logger.error({ err: errorSummary(err), messageId: message.messageId }, "delivery failed"),
      )
      .finally(() => inflight.delete(task));
    inflight.add(task);
  }

  return {
    name: ZALO_CHANNEL,
    routes: (app) =>
      registerZaloWebhook(app, {
        appId,
        oaSecretKey,
        logger,
        onEvent,
        maxEventAgeMs: options.maxEventAgeMs,
        now: options.now,
      }),
    async push(conversation, replies) {
      const result = await send(conversation, replies);
      if (result === "sent") return;
      const reason = WINDOW_ERRORS.has(result.refused) ? "window_closed" : "blocked";
      throw new RecipientUnreachableError(reason, result.refused);
    },
    async start() {
      const check = () =>
        void tokens
          .accessToken()
          .catch((err) => logger.warn({ err: errorSummary(err) }, "token check failed"));
      check();
      timer = setInterval(check, options.tokenCheckMs ?? 10 * 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
  };
}
