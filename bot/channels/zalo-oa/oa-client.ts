import type { Logger } from "pino";
import type { Db } from "../../../db/client.js";
import type { ChannelConfig } from "../channel-config.js";
import { ZALO_CHANNEL } from "./parse-event.js";
import { createTokenKeeper, type TokenKeeper } from "./token-keeper.js";
import { createZaloApi, type ZaloApi } from "./zalo-api-client.js";

/** The OA's API client and its token pair, as the channel and the ZNS sender both use them. */
export interface ZaloOaClient {
  api: ZaloApi;
  tokens: TokenKeeper;
}

/** Builds the OA's client from the configuration (the token pair kept in PostgreSQL, shared by processes). */
export function createZaloOaClient(
  deps: { config: ChannelConfig; db: Db; logger: Logger },
  options: { now?: () => number; renewAheadMs?: number } = {},
): ZaloOaClient {
  const { config } = deps;
  const appId = config.ZALO_APP_ID;
  if (!appId) throw new Error("Zalo OA needs ZALO_APP_ID");
  const api = createZaloApi({
    apiRoot: config.ZALO_API_ROOT,
    oauthRoot: config.ZALO_OAUTH_ROOT,
    znsRoot: config.ZALO_ZNS_API_ROOT,
    appId,
    appSecret: config.ZALO_APP_SECRET,
    now: options.now,
  });
  const tokens = createTokenKeeper({
    db: deps.db,
    channel: ZALO_CHANNEL,
    seed: { accessToken: config.ZALO_ACCESS_TOKEN, refreshToken: config.ZALO_REFRESH_TOKEN },
    exchange: (refreshToken) => api.refreshToken(refreshToken),
    logger: deps.logger,
    aheadMs: options.renewAheadMs,
    now: options.now,
  });
  return { api, tokens };
}
