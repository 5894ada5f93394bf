import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { officers } from "../../db/schema.js";
import { audit } from "./audit.js";
import {
  accountBucket,
  attemptSucceeded,
  deviceBucket,
  ipBucket,
  type ThrottleDeps,
  takeAttempt,
} from "./login-rate-limit.js";
import { findByEmail, normalizeEmail, toSignedIn } from "./officer-repo.js";
import { createSession } from "./officer-sessions.js";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "./password.js";
import type { SignedInOfficer } from "./roles.js";
import { trustDevice, trustedDeviceId } from "./trusted-devices.js";

/** What signing in needs: the database, the throttle's Redis, the clock and (for tests) the verifier. */
export interface SignInDeps {
  db: Db;
  throttle: ThrottleDeps;
  now?: () => Date;
  /** How long a session lasts from sign-in, whatever its use. */
  sessionMaxAgeMs?: number;
  verifyPassword?: (password: string, stored: string) => Promise<boolean>;
}

/** One sign-in attempt; the password is never stored or logged. */
export interface SignInInput {
  email: string;
  password: string;
  ip?: string;
  /** The browser's trusted-device token, when it has one (see trusted-devices.ts). */
  deviceToken?: string;
}

/**
 * The outcome: a session (and the browser's trusted-device token to keep), or a failure that
 * looks the same whether the e-mail is unknown, the password wrong, the account disabled or the
 * guess refused by the throttle.
 */
export type SignInResult =
  | {
      ok: true;
      token: string;
      csrfToken: string;
      officer: SignedInOfficer;
      mustChangePassword: boolean;
      deviceToken?: string;
    }
  | { ok: false };

/**
 * Checks an e-mail and password and opens a session. Every attempt runs exactly one password
 * hash comparison of the same cost (against a dummy hash for unknown e-mails and refused
 * guesses), so neither the answer nor its timing tells staff e-mails apart. Guesses are slowed
 * down per account and per address, or per browser when the browser signed in to the account
 * before, so others' guesses never lock the officer out; every attempt is audited.
 */
export async function signIn(deps: SignInDeps, input: SignInInput): Promise<SignInResult> {
  const now = deps.now?.() ?? new Date();
  const verify = deps.verifyPassword ?? verifyPassword;
  const email = normalizeEmail(input.email).slice(0, 200);
  const ip = input.ip;
  const deviceId = await trustedDeviceId(deps.throttle, input.deviceToken, email);
  const buckets = deviceId
    ? [deviceBucket(deps.throttle, deviceId)]
    : [ipBucket(deps.throttle, ip ?? "unknown"), accountBucket(deps.throttle, email)];
  const allowed = await takeAttempt(deps.throttle, buckets, now);
  const officer = email ? await findByEmail(deps.db, email) : undefined;
  const matches = await verify(
    input.password,
    allowed && officer ? officer.passwordHash : DUMMY_PASSWORD_HASH,
  );

  const reason = !allowed
    ? "throttled"
    : !officer
      ? "unknown"
      : officer.disabledAt
        ? "disabled"
        : matches
          ? null
          : "password";
  if (reason || !officer) {
    const target = officer ? { targetType: "officer", targetId: String(officer.id) } : {};
    await audit(deps.db, {
      officerId: officer?.id ?? null,
      action: "sign_in_failed",
      ...target,
      data: officer ? { reason, trustedDevice: Boolean(deviceId) } : { email, reason },
      ip,
    });
    return { ok: false };
  }

  await attemptSucceeded(deps.throttle, buckets);
  await deps.db
    .update(officers)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
    .where(eq(officers.id, officer.id));
  const session = await createSession(
    { db: deps.db, now: deps.now, maxAgeMs: deps.sessionMaxAgeMs },
    officer.id,
  );
  await audit(deps.db, {
    officerId: officer.id,
    action: "sign_in",
    targetType: "officer",
    targetId: String(officer.id),
    ip,
  });
  const deviceToken = deviceId ? input.deviceToken : await trustDevice(deps.throttle, email);
  return {
    ok: true,
    ...session,
    officer: toSignedIn(officer),
    mustChangePassword: officer.mustChangePassword,
    deviceToken,
  };
}
