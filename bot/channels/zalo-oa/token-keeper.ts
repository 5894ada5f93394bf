import type { Logger } from "pino";
import {
  rotateChannelToken,
  type StoredToken,
  seedChannelToken,
  type TokenPair,
} from "../../../db/channel-token-repo.js";
import type { Db } from "../../../db/client.js";

/** Hands out a valid access token, renewing it ahead of expiry or after Zalo refused it. */
export interface TokenKeeper {
  /** A token to send with; renews it first when it expires within the margin. */
  accessToken(): Promise<string>;
  /** Renews after Zalo refused `refused` (or finds the pair another process already renewed). */
  renewAfterRefusal(refused: string): Promise<string>;
}

/** What the keeper needs. */
export interface TokenKeeperDeps {
  db: Db;
  channel: string;
  /** The pair from the configuration, stored when the database has none (or a different seed). */
  seed: { accessToken?: string; refreshToken?: string };
  /** Spends a refresh token at the OAuth endpoint. */
  exchange: (refreshToken: string) => Promise<TokenPair>;
  logger: Logger;
  /** Renew when less than this is left (default one hour). */
  aheadMs?: number;
  /** How long a configured access token is assumed to last from start (default 24 h; Zalo's last 25 h). */
  seededLifetimeMs?: number;
  /** After a failed early renewal, keep using the still valid token this long before trying again. */
  retryAfterFailureMs?: number;
  now?: () => number;
}

/**
 * Keeps the channel's token pair in PostgreSQL and a copy in memory. Renewals within this process
 * share one promise; across processes the row lock in `rotateChannelToken` lets exactly one of them
 * spend the refresh token while the others pick up the new pair.
 */
export function createTokenKeeper(deps: TokenKeeperDeps): TokenKeeper {
  const { db, channel, logger } = deps;
  const now = deps.now ?? Date.now;
  const aheadMs = deps.aheadMs ?? 60 * 60_000;
  const seededLifetimeMs = deps.seededLifetimeMs ?? 24 * 60 * 60_000;
  const retryAfterFailureMs = deps.retryAfterFailureMs ?? 60_000;
  let current: StoredToken | null = null;
  let loading: Promise<StoredToken> | null = null;
  let renewing: Promise<StoredToken> | null = null;
  let lastFailure = Number.NEGATIVE_INFINITY;

  function load(): Promise<StoredToken> {
    loading ??= seedChannelToken(db, channel, {
      ...deps.seed,
      accessExpiresAt: new Date(now() + seededLifetimeMs),
    })
      .then((token) => {
        current = token;
        return token;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  async function exchange(refreshToken: string): Promise<TokenPair> {
    if (!refreshToken) throw new Error(`${channel}: no refresh token stored; authorise the app again`);
    return deps.exchange(refreshToken);
  }

  function renew(seen: string): Promise<StoredToken> {
    renewing ??= rotateChannelToken(db, channel, seen, exchange)
      .then(({ token, refreshed }) => {
        logger.info(
          { channel, refreshed, expiresAt: token.expiresAt.toISOString() },
          refreshed ? "access token renewed" : "access token already renewed by another process",
        );
        current = token;
        return token;
      })
      .finally(() => {
        renewing = null;
      });
    return renewing;
  }

  return {
    async accessToken() {
      const token = current ?? (await load());
      const left = token.expiresAt.getTime() - now();
      if (left > aheadMs) return token.accessToken;
      const stillValid = left > 0 && token.accessToken !== "";
      if (stillValid && now() - lastFailure < retryAfterFailureMs) return token.accessToken;
      try {
        return (await renew(token.accessToken)).accessToken;
      } catch (err) {
        lastFailure = now();
        if (!stillValid) throw err;
        logger.warn(
          { channel, err: errorSummary(err) },
          "early token renewal failed; using the current token",
        );
        return token.accessToken;
      }
    },

    async renewAfterRefusal(refused) {
      if (!current) await load();
      return (await renew(refused)).accessToken;
    },
  };
}

/** An error's name and message only (never request details). */
export function errorSummary(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
