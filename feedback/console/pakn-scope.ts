import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { pakn } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import { isProvinceWide, type SignedInOfficer } from "../officers/roles.js";
import type { PaknRow } from "../pakn-repo.js";

/**
 * The PAKN an officer may see, as a SQL condition every console query adds: an officer or leader
 * sees only their agency's items (none when they have no agency); the coordinator and the admin
 * see every item.
 */
export function paknScope(officer: SignedInOfficer): SQL {
  if (isProvinceWide(officer.role)) return sql`true`;
  if (!officer.agencyId) return sql`false`;
  return eq(pakn.agencyId, officer.agencyId) as SQL;
}

/** Whether a loaded row is within the officer's scope (the same rule as `paknScope`). */
export function inScope(officer: SignedInOfficer, row: Pick<PaknRow, "agencyId">): boolean {
  if (isProvinceWide(officer.role)) return true;
  return officer.agencyId !== null && row.agencyId === officer.agencyId;
}

const CODE = /^PAKN\.\d{8}\.\d{4,}$/;

/**
 * A PAKN by tracking code (or numeric id) if the officer may see it; anything outside their scope
 * is "not found" exactly like a code that does not exist, so other agencies' codes leak nothing.
 */
export async function loadPaknFor(
  deps: { db: Db },
  officer: SignedInOfficer,
  ref: string | number,
): Promise<PaknRow> {
  let match: SQL | undefined;
  if (typeof ref === "number") {
    if (Number.isSafeInteger(ref) && ref > 0) match = eq(pakn.id, ref) as SQL;
  } else {
    const code = ref.trim().toUpperCase();
    if (CODE.test(code)) match = eq(pakn.code, code) as SQL;
  }
  if (!match) throw new AppError("not_found", "no such PAKN");
  const [row] = await deps.db
    .select()
    .from(pakn)
    .where(and(match, paknScope(officer)));
  if (!row) throw new AppError("not_found", "no such PAKN");
  return row;
}
