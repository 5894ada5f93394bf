import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { channelTokens } from "./schema.js";

/** An access token with the refresh token that renews it and when the access token expires. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

/** The pair as stored for a channel. */
export interface StoredToken extends TokenPair {
  channel: string;
  updatedAt: Date;
}

/** The pair an operator configured (either may be missing), with the expiry assumed for its access token. */
export interface TokenSeed {
  accessToken?: string;
  refreshToken?: string;
  /** Assumed expiry of the configured access token (ignored when there is none). */
  accessExpiresAt: Date;
}

/** Fingerprint of a configured pair, so a new pair from the operator replaces the stored one. */
export function seedHashOf(seed: Pick<TokenSeed, "accessToken" | "refreshToken">): string {
  return createHash("sha256")
    .update(`${seed.accessToken ?? ""}\n${seed.refreshToken ?? ""}`)
    .digest("hex");
}

/** The stored pair of a channel, or null. */
export async function readChannelToken(db: Db, channel: string): Promise<StoredToken | null> {
  const [row] = await db.select().from(channelTokens).where(eq(channelTokens.channel, channel));
  return row ? toStored(row) : null;
}

/**
 * Stores the configured pair when the channel has none yet, or when the operator configured a
 * different pair since (re-authorisation); otherwise keeps the rotated pair. Returns the stored pair.
 */
export async function seedChannelToken(db: Db, channel: string, seed: TokenSeed): Promise<StoredToken> {
  const seedHash = seedHashOf(seed);
  await db
    .insert(channelTokens)
    .values({
      channel,
      accessToken: seed.accessToken ?? "",
      refreshToken: seed.refreshToken ?? "",
      // Without an access token the first use refreshes at once.
      expiresAt: seed.accessToken ? seed.accessExpiresAt : new Date(0),
      seedHash,
    })
    .onConflictDoUpdate({
      target: channelTokens.channel,
      set: {
        accessToken: sql`excluded.access_token`,
        refreshToken: sql`excluded.refresh_token`,
        expiresAt: sql`excluded.expires_at`,
        seedHash: sql`excluded.seed_hash`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${channelTokens.seedHash} <> excluded.seed_hash`,
    });
  const stored = await readChannelToken(db, channel);
  if (!stored) throw new Error(`token row for ${channel} vanished after seeding`);
  return stored;
}

/** The outcome of a rotation: the current pair, and whether this call obtained it. */
export interface Rotation {
  token: StoredToken;
  refreshed: boolean;
}

/**
 * Renews a channel's pair with exactly one refresher across processes: the row is locked
 * (`SELECT … FOR UPDATE`) for the whole exchange; when its access token is no longer the one the
 * caller saw, another process already renewed it and that pair is returned without calling
 * `exchange`; otherwise `exchange` spends the refresh token and the new pair is stored before commit.
 */
export async function rotateChannelToken(
  db: Db,
  channel: string,
  seenAccessToken: string,
  exchange: (refreshToken: string) => Promise<TokenPair>,
): Promise<Rotation> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(channelTokens)
      .where(eq(channelTokens.channel, channel))
      .for("update");
    if (!row) throw new Error(`no stored token for ${channel}`);
    if (row.accessToken !== seenAccessToken) return { token: toStored(row), refreshed: false };
    const fresh = await exchange(row.refreshToken);
    const [updated] = await tx
      .update(channelTokens)
      .set({
        accessToken: fresh.accessToken,
        refreshToken: fresh.refreshToken,
        expiresAt: fresh.expiresAt,
        updatedAt: new Date(),
      })
      .where(eq(channelTokens.channel, channel))
      .returning();
    if (!updated) throw new Error(`token row for ${channel} vanished during refresh`);
    return { token: toStored(updated), refreshed: true };
  });
}

function toStored(row: typeof channelTokens.$inferSelect): StoredToken {
  return {
    channel: row.channel,
    accessToken: row.accessToken,
    refreshToken: row.refreshToken,
    expiresAt: row.expiresAt,
    updatedAt: row.updatedAt,
  };
}
