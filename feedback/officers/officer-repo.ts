import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { officerSessions, officers } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import { hashPassword } from "./password.js";
import { isOfficerRole, isProvinceWide, type OfficerRole, type SignedInOfficer } from "./roles.js";

/** A stored staff account, password hash included (never rendered). */
export type OfficerRecord = typeof officers.$inferSelect;

/** What creating an account needs; the password is hashed here. */
export interface NewOfficer {
  email: string;
  name?: string;
  role: OfficerRole;
  agencyId?: string | null;
  password: string;
  /** True for a one-time password that must be replaced at first login. */
  mustChangePassword: boolean;
}

/** Lower-cases and trims an e-mail, the form accounts are stored and looked up in. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks a role and agency pairing: officer and leader belong to one agency, coordinator and
 * admin are province-wide and have none. Throws AppError bad_request with a Vietnamese message.
 */
export function checkRoleAgency(
  role: string,
  agencyId: string | null | undefined,
): asserts role is OfficerRole {
  if (!isOfficerRole(role)) throw new AppError("bad_request", `Vai trò không hợp lệ: ${role}`, { role });
  if (isProvinceWide(role) && agencyId)
    throw new AppError("bad_request", "Vai trò điều phối và quản trị không gắn với một cơ quan.", { role });
  // A knowledge editor works on the knowledge base, with or without an agency of their own.
  if (!isProvinceWide(role) && role !== "editor" && !agencyId)
    throw new AppError("bad_request", "Cán bộ xử lý và lãnh đạo đơn vị phải thuộc một cơ quan.", { role });
}

/**
 * Checks a role and agency pairing against the agency directory: the agency must exist
 * (assets/agencies.tsv or its override). Throws AppError bad_request with a Vietnamese message.
 */
export function checkAgencyExists(
  agencies: AgencyDirectory,
  role: string,
  agencyId: string | null | undefined,
): asserts role is OfficerRole {
  checkRoleAgency(role, agencyId);
  if (agencyId && !agencies.get(agencyId))
    throw new AppError("bad_request", `Không có cơ quan mã "${agencyId}" trong danh mục cơ quan.`, {
      agencyId,
    });
}

/** Creates an account (e-mail lower-cased); an e-mail already in use is an AppError "conflict". */
export async function createOfficer(db: Db, input: NewOfficer): Promise<OfficerRecord> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email)) throw new AppError("bad_request", "Địa chỉ email không hợp lệ.", {});
  checkRoleAgency(input.role, input.agencyId);
  const passwordHash = await hashPassword(input.password);
  const rows = await db
    .insert(officers)
    .values({
      email,
      name: input.name?.trim() || email.split("@")[0] || email,
      role: input.role,
      agencyId: isProvinceWide(input.role) ? null : (input.agencyId ?? null),
      passwordHash,
      mustChangePassword: input.mustChangePassword,
    })
    .onConflictDoNothing({ target: officers.email })
    .returning();
  const created = rows[0];
  if (!created) throw new AppError("conflict", "Email này đã có tài khoản.", {});
  return created;
}

/** The account with this e-mail (any case), if any. */
export async function findByEmail(db: Db, email: string): Promise<OfficerRecord | undefined> {
  const rows = await db
    .select()
    .from(officers)
    .where(eq(officers.email, normalizeEmail(email)))
    .limit(1);
  return rows[0];
}

/** The account with this id, if any. */
export async function findById(db: Db, id: number): Promise<OfficerRecord | undefined> {
  const rows = await db.select().from(officers).where(eq(officers.id, id)).limit(1);
  return rows[0];
}

/** Every account, province-wide roles first, then by agency and e-mail. */
export async function listOfficers(db: Db): Promise<OfficerRecord[]> {
  return db
    .select()
    .from(officers)
    .orderBy(
      sql`case ${officers.role} when 'admin' then 0 when 'coordinator' then 1 when 'leader' then 2 else 3 end`,
      asc(officers.agencyId),
      asc(officers.email),
    );
}

/** Changes an account's name, role and agency together (validated as a pair). */
export async function updateOfficerRole(
  db: Db,
  id: number,
  input: { role: string; agencyId?: string | null; name?: string },
): Promise<OfficerRecord> {
  checkRoleAgency(input.role, input.agencyId);
  const rows = await db
    .update(officers)
    .set({
      role: input.role,
      agencyId: isProvinceWide(input.role) ? null : (input.agencyId ?? null),
      ...(input.name?.trim() ? { name: input.name.trim() } : {}),
    })
    .where(eq(officers.id, id))
    .returning();
  if (!rows[0]) throw new AppError("not_found", "officer not found", { id });
  return rows[0];
}

/** Disables (signing out every session) or re-enables an account. */
export async function setOfficerDisabled(
  db: Db,
  id: number,
  disabled: boolean,
  now: Date = new Date(),
): Promise<OfficerRecord> {
  const rows = await db
    .update(officers)
    .set(disabled ? { disabledAt: now } : { disabledAt: null, failedLogins: 0, lockedUntil: null })
    .where(eq(officers.id, id))
    .returning();
  if (!rows[0]) throw new AppError("not_found", "officer not found", { id });
  if (disabled) await db.delete(officerSessions).where(eq(officerSessions.officerId, id));
  return rows[0];
}

/** Replaces an account's password and clears its lock-out; mustChange marks a one-time password. */
export async function setPassword(
  db: Db,
  id: number,
  password: string,
  options: { mustChange: boolean },
): Promise<void> {
  const passwordHash = await hashPassword(password);
  const rows = await db
    .update(officers)
    .set({ passwordHash, mustChangePassword: options.mustChange, failedLogins: 0, lockedUntil: null })
    .where(eq(officers.id, id))
    .returning({ id: officers.id });
  if (!rows[0]) throw new AppError("not_found", "officer not found", { id });
}

/** The part of an account every console request carries. */
export function toSignedIn(record: OfficerRecord): SignedInOfficer {
  return {
    id: record.id,
    email: record.email,
    name: record.name,
    role: isOfficerRole(record.role) ? record.role : "officer",
    agencyId: record.agencyId,
  };
}
