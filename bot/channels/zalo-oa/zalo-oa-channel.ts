import type { ChannelDeps } from "../../../app/channels.js";
import type { Config } from "../../../app/config.js";
import type { Channel } from "../channel.js";
import { ZALO_CHANNEL, type ZaloEventOutcome } from "./parse-event.js";
import { createZaloSender } from "./send-replies.js";
import { createTokenKeeper, errorSummary } from "./token-keeper.js";
import { registerZaloWebhook } from "./webhook-route.js";
import { createZaloApi } from "./zalo-api-client.js";

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
export function isZaloOaEnabled(config: Config): boolean {
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

  const api = createZaloApi({
    apiRoot: config.ZALO_API_ROOT,
    oauthRoot: config.ZALO_OAUTH_ROOT,
    appId,
    appSecret: config.ZALO_APP_SECRET,
    now: options.now,
  });
  const tokens = createTokenKeeper({
    db: database.db,
    channel: ZALO_CHANNEL,
    seed: { accessToken: config.ZALO_ACCESS_TOKEN, refreshToken: config.ZALO_REFRESH_TOKEN },
    exchange: (refreshToken) => api.refreshToken(refreshToken),
    logger,
    aheadMs: options.renewAheadMs,
    now: options.now,
  });
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
      .dispatch(message, (replies) => send(message.user, replies))
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
    push: (conversation, replies) => send(conversation, replies),
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
