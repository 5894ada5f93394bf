import { createHash, randomBytes } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { officerSessions, officers } from "../../db/schema.js";
import { toSignedIn } from "./officer-repo.js";
import type { SignedInOfficer } from "./roles.js";

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** A session ends this long after sign-in however busy it is (OFFICER_SESSION_MAX_HOURS). */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at (and the expiry that slides with it) is written at most this often. */
const TOUCH_EVERY_MS = 60 * 1000;

/** What session functions need: the database, the clock and the sessions' absolute lifetime. */
export interface SessionDeps {
  db: Db;
  now?: () => Date;
  /** How long a session lasts from sign-in (default SESSION_MAX_AGE_MS). */
  maxAgeMs?: number;
}

/** When a session started at `createdAt` and last used at `seen` expires: idle or absolute, whichever first. */
function expiryOf(deps: SessionDeps, createdAt: Date, seen: Date): Date {
  const absolute = createdAt.getTime() + (deps.maxAgeMs ?? SESSION_MAX_AGE_MS);
  return new Date(Math.min(seen.getTime() + SESSION_IDLE_MS, absolute));
}

/** A live session: who is signed in, the CSRF token their forms echo, and whether they must change password. */
export interface OfficerSession {
  id: string;
  officer: SignedInOfficer;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** The stored id of a session token: its sha-256, so a database leak does not leak live cookies. */
export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Starts a session: the random token goes in the cookie, only its hash is stored. */
export async function createSession(
  deps: SessionDeps,
  officerId: number,
): Promise<{ token: string; csrfToken: string }> {
  const now = deps.now?.() ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await deps.db.insert(officerSessions).values({
    id: sessionIdOf(token),
    officerId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: expiryOf(deps, now, now),
  });
  return { token, csrfToken };
}

/**
 * The session a cookie token belongs to, or null when unknown, idle for 12 hours, older than its
 * absolute lifetime (12 hours from sign-in by default) or its account is disabled; a live
 * session's idle expiry slides forward (written at most once a minute), never past that lifetime.
 */
export async function loadSession(deps: SessionDeps, token: string): Promise<OfficerSession | null> {
  if (!token || token.length > 200) return null;
  const now = deps.now?.() ?? new Date();
  const id = sessionIdOf(token);
  const rows = await deps.db
    .select({ session: officerSessions, officer: officers })
    .from(officerSessions)
    .innerJoin(officers, eq(officers.id, officerSessions.officerId))
    .where(eq(officerSessions.id, id))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const tooOld = expiryOf(deps, row.session.createdAt, row.session.lastSeenAt).getTime() <= now.getTime();
  if (row.session.expiresAt.getTime() <= now.getTime() || tooOld || row.officer.disabledAt) {
    await deps.db.delete(officerSessions).where(eq(officerSessions.id, id));
    return null;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
    await deps.db
      .update(officerSessions)
      .set({ lastSeenAt: now, expiresAt: expiryOf(deps, row.session.createdAt, now) })
      .where(eq(officerSessions.id, id));
  return {
    id,
    officer: toSignedIn(row.officer),
    csrfToken: row.session.csrfToken,
    mustChangePassword: row.officer.mustChangePassword,
  };
}

/** Ends the session a cookie token belongs to (nothing happens for an unknown token). */
export async function deleteSession(deps: SessionDeps, token: string): Promise<void> {
  await deps.db.delete(officerSessions).where(eq(officerSessions.id, sessionIdOf(token)));
}

/** Ends every session of an account except the one given (after a password change). */
export async function deleteOtherSessions(db: Db, officerId: number, keepSessionId?: string): Promise<void> {
  await db
    .delete(officerSessions)
    .where(
      keepSessionId
        ? and(eq(officerSessions.officerId, officerId), ne(officerSessions.id, keepSessionId))
        : eq(officerSessions.officerId, officerId),
    );
}
