import type { Db } from "../../db/client.js";
import { audit } from "./audit.js";
import { findById, setPassword } from "./officer-repo.js";
import { deleteOtherSessions } from "./officer-sessions.js";
import { passwordProblem, verifyPassword } from "./password.js";

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

/**
 * Replaces an officer's password after checking the current one and the policy; ends the
 * account's other sessions. Returns a Vietnamese problem to show, or null on success.
 */
export async function changePassword(deps: { db: Db }, input: ChangePasswordInput): Promise<string | null> {
  const officer = await findById(deps.db, input.officerId);
  if (!officer) return "Không tìm thấy tài khoản.";
  if (!(await verifyPassword(input.currentPassword, officer.passwordHash)))
    return "Mật khẩu hiện tại không đúng.";
  if (input.newPassword !== input.confirmPassword) return "Hai lần nhập mật khẩu mới không khớp nhau.";
  const problem = passwordProblem(input.newPassword, officer.email);
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
