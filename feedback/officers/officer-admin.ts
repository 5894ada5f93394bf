import type { Db } from "../../db/client.js";
import { AppError } from "../../lib/errors.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import { audit } from "./audit.js";
import { accountBucket, clearThrottle, type ThrottleDeps, throttleStatus } from "./login-rate-limit.js";
import {
  checkAgencyExists,
  createOfficer,
  findById,
  type OfficerRecord,
  setOfficerDisabled,
  setPassword,
  updateOfficerRole,
} from "./officer-repo.js";
import { deleteOtherSessions } from "./officer-sessions.js";
import { generateOneTimePassword } from "./password.js";

/** What account administration needs: the database, the agency directory in force, the clock, the sign-in throttle. */
export interface OfficerAdminDeps {
  db: Db;
  agencies: AgencyDirectory;
  throttle: ThrottleDeps;
  now?: () => Date;
}

/** Who does an admin action, and from where (for the audit log). */
export interface Actor {
  officerId: number;
  ip?: string;
}

const target = (id: number) => ({ targetType: "officer", targetId: String(id) });

/** Creates an account with a one-time password (returned once, to be handed over) and audits it. */
export async function adminCreateOfficer(
  deps: OfficerAdminDeps,
  actor: Actor,
  input: { email: string; name?: string; role: string; agencyId?: string | null },
): Promise<{ officer: OfficerRecord; password: string }> {
  const agencyId = input.agencyId?.trim() || null;
  checkAgencyExists(deps.agencies, input.role, agencyId);
  const password = generateOneTimePassword();
  const officer = await createOfficer(deps.db, {
    email: input.email,
    name: input.name,
    role: input.role,
    agencyId,
    password,
    mustChangePassword: true,
  });
  await audit(deps.db, {
    officerId: actor.officerId,
    action: "officer_created",
    ...target(officer.id),
    data: { email: officer.email, role: officer.role, agencyId: officer.agencyId },
    ip: actor.ip,
  });
  return { officer, password };
}

async function existing(db: Db, id: number): Promise<OfficerRecord> {
  const officer = await findById(db, id);
  if (!officer) throw new AppError("not_found", "officer not found", { id });
  return officer;
}

function notSelf(actor: Actor, id: number): void {
  if (actor.officerId === id)
    throw new AppError("bad_request", "Không thể tự khoá tài khoản hoặc đổi vai trò của chính mình.", {});
}

/** Changes an account's role, agency and name (never one's own role), audited with before and after. */
export async function adminUpdateOfficer(
  deps: OfficerAdminDeps,
  actor: Actor,
  input: { id: number; role: string; agencyId?: string | null; name?: string },
): Promise<OfficerRecord> {
  const before = await existing(deps.db, input.id);
  const agencyId = input.agencyId?.trim() || null;
  checkAgencyExists(deps.agencies, input.role, agencyId);
  if (input.role !== before.role) notSelf(actor, input.id);
  const after = await updateOfficerRole(deps.db, input.id, { role: input.role, agencyId, name: input.name });
  await audit(deps.db, {
    officerId: actor.officerId,
    action: "officer_updated",
    ...target(input.id),
    data: {
      before: { role: before.role, agencyId: before.agencyId, name: before.name },
      after: { role: after.role, agencyId: after.agencyId, name: after.name },
    },
    ip: actor.ip,
  });
  return after;
}

/** Disables an account (ending its sessions) or enables it again (never one's own), audited. */
export async function adminSetDisabled(
  deps: OfficerAdminDeps,
  actor: Actor,
  input: { id: number; disabled: boolean },
): Promise<OfficerRecord> {
  await existing(deps.db, input.id);
  notSelf(actor, input.id);
  const officer = await setOfficerDisabled(deps.db, input.id, input.disabled, deps.now?.() ?? new Date());
  await audit(deps.db, {
    officerId: actor.officerId,
    action: input.disabled ? "officer_disabled" : "officer_enabled",
    ...target(input.id),
    ip: actor.ip,
  });
  return officer;
}

/**
 * Gives an account a new one-time password (returned once), ends its sessions and lifts its
 * sign-in slow-down; the officer must choose a new password at the next sign-in.
 */
export async function adminResetPassword(
  deps: OfficerAdminDeps,
  actor: Actor,
  input: { id: number },
): Promise<{ officer: OfficerRecord; password: string }> {
  const officer = await existing(deps.db, input.id);
  const password = generateOneTimePassword();
  await setPassword(deps.db, officer.id, password, { mustChange: true });
  await deleteOtherSessions(deps.db, officer.id);
  await clearThrottle(deps.throttle, accountBucket(deps.throttle, officer.email));
  await audit(deps.db, {
    officerId: actor.officerId,
    action: "password_reset",
    ...target(officer.id),
    ip: actor.ip,
  });
  return { officer, password };
}

/** How an account's sign-in is slowed down now: wrong guesses remembered and until when the next waits. */
export async function signInThrottleOf(
  deps: OfficerAdminDeps,
  officer: OfficerRecord,
): Promise<{ failures: number; waitUntil: Date | null }> {
  return throttleStatus(
    deps.throttle,
    accountBucket(deps.throttle, officer.email),
    deps.now?.() ?? new Date(),
  );
}

/**
 * Forgets the wrong guesses at an account and lifts its sign-in wait (an officer signing in from a
 * new browser while someone guesses at the account), audited.
 */
export async function adminClearSignInThrottle(
  deps: OfficerAdminDeps,
  actor: Actor,
  input: { id: number },
): Promise<OfficerRecord> {
  const officer = await existing(deps.db, input.id);
  const before = await signInThrottleOf(deps, officer);
  if (!(await clearThrottle(deps.throttle, accountBucket(deps.throttle, officer.email))))
    throw new AppError(
      "unavailable",
      "Chưa gỡ được giới hạn đăng nhập vì Redis không phản hồi. Vui lòng thử lại sau.",
      {},
    );
  await audit(deps.db, {
    officerId: actor.officerId,
    action: "sign_in_throttle_cleared",
    ...target(officer.id),
    data: { failures: before.failures },
    ip: actor.ip,
  });
  return officer;
}
