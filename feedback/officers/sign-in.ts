import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { officers } from "../../db/schema.js";
import { audit } from "./audit.js";
import { findByEmail, normalizeEmail, toSignedIn } from "./officer-repo.js";
import { createSession } from "./officer-sessions.js";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "./password.js";
import type { SignedInOfficer } from "./roles.js";

/** Consecutive wrong passwords that lock an account. */
export const MAX_FAILED_LOGINS = 5;
/** How long a locked account stays locked. */
export const LOCK_MS = 15 * 60 * 1000;

/** What signing in needs: the database and the clock. */
export interface SignInDeps {
  db: Db;
  now?: () => Date;
}

/** One sign-in attempt; the password is never stored or logged. */
export interface SignInInput {
  email: string;
  password: string;
  ip?: string;
}

/**
 * The outcome: a session, or a failure. `invalid` covers unknown e-mail, wrong password and a
 * disabled account alike (the console shows one message); `locked` adds "try again in 15 minutes".
 */
export type SignInResult =
  | { ok: true; token: string; csrfToken: string; officer: SignedInOfficer; mustChangePassword: boolean }
  | { ok: false; reason: "invalid" | "locked" };

/**
 * Checks an e-mail and password and opens a session; five wrong passwords in a row lock the
 * account for 15 minutes; every attempt is audited.
 */
export async function signIn(deps: SignInDeps, input: SignInInput): Promise<SignInResult> {
  const now = deps.now?.() ?? new Date();
  const email = normalizeEmail(input.email).slice(0, 200);
  const officer = email ? await findByEmail(deps.db, email) : undefined;
  const ip = input.ip;
  if (!officer) {
    await verifyPassword(input.password, DUMMY_PASSWORD_HASH);
    await audit(deps.db, {
      officerId: null,
      action: "sign_in_failed",
      data: { email, reason: "unknown" },
      ip,
    });
    return { ok: false, reason: "invalid" };
  }
  const target = { targetType: "officer", targetId: String(officer.id) };
  if (officer.lockedUntil && officer.lockedUntil.getTime() > now.getTime()) {
    await audit(deps.db, {
      officerId: officer.id,
      action: "sign_in_failed",
      ...target,
      data: { reason: "locked" },
      ip,
    });
    return { ok: false, reason: "locked" };
  }
  const matches = await verifyPassword(input.password, officer.passwordHash);
  if (officer.disabledAt) {
    await audit(deps.db, {
      officerId: officer.id,
      action: "sign_in_failed",
      ...target,
      data: { reason: "disabled" },
      ip,
    });
    return { ok: false, reason: "invalid" };
  }
  if (!matches) return failed(deps, officer.id, now, ip);

  await deps.db
    .update(officers)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
    .where(eq(officers.id, officer.id));
  const session = await createSession(deps, officer.id);
  await audit(deps.db, { officerId: officer.id, action: "sign_in", ...target, ip });
  return {
    ok: true,
    ...session,
    officer: toSignedIn(officer),
    mustChangePassword: officer.mustChangePassword,
  };
}

async function failed(deps: SignInDeps, officerId: number, now: Date, ip?: string): Promise<SignInResult> {
  // One statement, so concurrent wrong guesses cannot slip past the count.
  const rows = await deps.db
    .update(officers)
    .set({ failedLogins: sql`${officers.failedLogins} + 1` })
    .where(eq(officers.id, officerId))
    .returning({ failedLogins: officers.failedLogins });
  const count = rows[0]?.failedLogins ?? 0;
  const target = { targetType: "officer", targetId: String(officerId) };
  await audit(deps.db, {
    officerId,
    action: "sign_in_failed",
    ...target,
    data: { reason: "password", count },
    ip,
  });
  if (count < MAX_FAILED_LOGINS) return { ok: false, reason: "invalid" };
  const until = new Date(now.getTime() + LOCK_MS);
  await deps.db
    .update(officers)
    .set({ failedLogins: 0, lockedUntil: until })
    .where(eq(officers.id, officerId));
  await audit(deps.db, { officerId, action: "locked", ...target, data: { until: until.toISOString() }, ip });
  return { ok: false, reason: "locked" };
}
