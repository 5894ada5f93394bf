import type { Db } from "../../db/client.js";
import { audit } from "./audit.js";
import { attemptSucceeded, deviceBucket, type ThrottleDeps, takeAttempt } from "./login-rate-limit.js";
import { findById, setPassword } from "./officer-repo.js";
import { deleteOtherSessions } from "./officer-sessions.js";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "./password.js";
import { passwordProblem } from "./password-strength.js";

/** What a password change needs: the database, the throttle's Redis and the clock. */
export interface ChangePasswordDeps {
  db: Db;
  throttle: ThrottleDeps;
  now?: () => Date;
}

/** An officer replacing their own password from a signed-in session. */
export interface ChangePasswordInput {
  officerId: number;
  /** The session that stays signed in; every other session of the account ends. */
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
  ip?: string;
}

const WRONG_CURRENT = "Mật khẩu hiện tại không đúng.";

/**
 * Replaces an officer's password after checking the current one (guesses slowed down per session,
 * as sign-in guesses are) and the strength policy; ends the account's other sessions. Returns a
 * Vietnamese problem to show, or null on success.
 */
export async function changePassword(
  deps: ChangePasswordDeps,
  input: ChangePasswordInput,
): Promise<string | null> {
  const officer = await findById(deps.db, input.officerId);
  if (!officer) return "Không tìm thấy tài khoản.";
  const buckets = [deviceBucket(deps.throttle, `session-${input.sessionId}`)];
  const allowed = await takeAttempt(deps.throttle, buckets, deps.now?.() ?? new Date());
  const matches = await verifyPassword(
    input.currentPassword,
    allowed ? officer.passwordHash : DUMMY_PASSWORD_HASH,
  );
  if (!allowed || !matches) {
    await audit(deps.db, {
      officerId: officer.id,
      action: "password_change_failed",
      targetType: "officer",
      targetId: String(officer.id),
      data: { reason: allowed ? "password" : "throttled" },
      ip: input.ip,
    });
    return WRONG_CURRENT;
  }
  await attemptSucceeded(deps.throttle, buckets);
  if (input.newPassword !== input.confirmPassword) return "Hai lần nhập mật khẩu mới không khớp nhau.";
  const problem = await passwordProblem(input.newPassword, { email: officer.email, name: officer.name });
  if (problem) return problem;
  if (input.newPassword === input.currentPassword) return "Mật khẩu mới phải khác mật khẩu hiện tại.";
  await setPassword(deps.db, officer.id, input.newPassword, { mustChange: false });
  await deleteOtherSessions(deps.db, officer.id, input.sessionId);
  await audit(deps.db, {
    officerId: officer.id,
    action: "password_changed",
    targetType: "officer",
    targetId: String(officer.id),
    ip: input.ip,
  });
  return null;
}
