import { createHash, randomBytes } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { officerSessions, officers } from "../../db/schema.js";
import { toSignedIn } from "./officer-repo.js";
import type { SignedInOfficer } from "./roles.js";

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at (and the expiry that slides with it) is written at most this often. */
const TOUCH_EVERY_MS = 60 * 1000;

/** What session functions need: the database and the clock. */
export interface SessionDeps {
  db: Db;
  now?: () => Date;
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
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
  });
  return { token, csrfToken };
}

/**
 * The session a cookie token belongs to, or null when unknown, idle for 12 hours or its account
 * is disabled; a live session's expiry slides forward (written at most once a minute).
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
  if (row.session.expiresAt.getTime() <= now.getTime() || row.officer.disabledAt) {
    await deps.db.delete(officerSessions).where(eq(officerSessions.id, id));
    return null;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
    await deps.db
      .update(officerSessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) })
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
