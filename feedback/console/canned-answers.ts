import { and, asc, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { cannedAnswers } from "../../db/schema.js";
import { audit } from "../officers/audit.js";
import { isProvinceWide, type SignedInOfficer } from "../officers/roles.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import { cleanText } from "./agency-actions.js";
import { refuse } from "./refusal.js";

/** A reusable answer text, for one agency or (agencyId null) for all. */
export type CannedAnswer = typeof cannedAnswers.$inferSelect;

/** What a canned answer form sends. */
export interface CannedAnswerInput {
  title: string;
  body: string;
  /** Agency id, or empty for every agency (province-wide roles only; a leader's is always their own). */
  agencyId?: string | null;
}

/** Whether the officer may create, edit and delete canned answers at all. */
export function canManageCanned(officer: SignedInOfficer): boolean {
  return officer.role === "leader" || isProvinceWide(officer.role);
}

/** The canned answers an officer sees: their agency's and the common ones (province-wide roles: all). */
function visible(officer: SignedInOfficer): SQL {
  if (isProvinceWide(officer.role)) return sql`true`;
  if (!officer.agencyId) return isNull(cannedAnswers.agencyId) as SQL;
  return or(isNull(cannedAnswers.agencyId), eq(cannedAnswers.agencyId, officer.agencyId)) as SQL;
}

/** The ones an officer may change: a leader their agency's, the province-wide roles every one. */
function editable(officer: SignedInOfficer): SQL {
  if (isProvinceWide(officer.role)) return sql`true`;
  if (officer.role !== "leader" || !officer.agencyId) return sql`false`;
  return eq(cannedAnswers.agencyId, officer.agencyId) as SQL;
}

/**
 * Canned answers for the officer, optionally only those usable for one agency's item (that agency's
 * and the common ones): common ones first, then by title.
 */
export async function listCannedAnswers(
  deps: { db: Db },
  officer: SignedInOfficer,
  options: { forAgency?: string | null } = {},
): Promise<CannedAnswer[]> {
  const parts: SQL[] = [visible(officer)];
  if (options.forAgency !== undefined) {
    parts.push(
      options.forAgency
        ? (or(isNull(cannedAnswers.agencyId), eq(cannedAnswers.agencyId, options.forAgency)) as SQL)
        : (isNull(cannedAnswers.agencyId) as SQL),
    );
  }
  return deps.db
    .select()
    .from(cannedAnswers)
    .where(and(...parts))
    .orderBy(sql`${cannedAnswers.agencyId} IS NOT NULL`, asc(cannedAnswers.title), asc(cannedAnswers.id));
}

/** One canned answer the officer may see, or not found. */
export async function getCannedAnswer(
  deps: { db: Db },
  officer: SignedInOfficer,
  id: number,
): Promise<CannedAnswer> {
  const [row] = Number.isSafeInteger(id)
    ? await deps.db
        .select()
        .from(cannedAnswers)
        .where(and(eq(cannedAnswers.id, id), visible(officer)))
    : [];
  if (!row) throw refuse("not_found", "no such canned answer", "Không tìm thấy mẫu trả lời.");
  return row;
}

/** Refuses an officer whose role may not manage canned answers. */
/** Records an officer's change to a canned answer in the audit log. */
function auditCanned(
  tx: Db,
  officer: SignedInOfficer,
  change: "create" | "update" | "delete",
  row: { id: number; agencyId: string | null },
  ip: string | undefined,
): Promise<void> {
  return audit(tx, {
    officerId: officer.id,
    action: `canned.${change}`,
    targetType: "canned_answer",
    targetId: String(row.id),
    data: { agencyId: row.agencyId },
    ip,
  });
}

function assertCanManage(officer: SignedInOfficer): void {
  if (!canManageCanned(officer))
    throw refuse(
      "conflict",
      "role may not manage canned answers",
      "Chỉ lãnh đạo đơn vị hoặc điều phối viên được quản lý mẫu trả lời.",
      { forbidden: true },
    );
}

function checked(
  deps: { agencies: AgencyDirectory },
  officer: SignedInOfficer,
  input: CannedAnswerInput,
): { title: string; body: string; agencyId: string | null } {
  assertCanManage(officer);
  const title = cleanText(input.title, { max: 200, required: "Vui lòng nhập tên mẫu trả lời." }) as string;
  const body = cleanText(input.body, {
    max: 20_000,
    required: "Vui lòng nhập nội dung mẫu trả lời.",
  }) as string;
  let agencyId: string | null;
  if (isProvinceWide(officer.role)) {
    agencyId = input.agencyId?.trim() || null;
    if (agencyId && !deps.agencies.get(agencyId))
      throw refuse("bad_request", "unknown agency", "Không tìm thấy cơ quan được chọn.");
  } else {
    agencyId = officer.agencyId;
  }
  return { title, body, agencyId };
}

/** Creates a canned answer (a leader's always belongs to their agency). */
export async function createCannedAnswer(
  deps: { db: Db; agencies: AgencyDirectory },
  officer: SignedInOfficer,
  input: CannedAnswerInput & { ip?: string },
): Promise<CannedAnswer> {
  const values = checked(deps, officer, input);
  return deps.db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const [row] = await tx.insert(cannedAnswers).values(values).returning();
    if (!row) throw new Error("canned answer was not written");
    await auditCanned(tx, officer, "create", { id: row.id, agencyId: row.agencyId }, input.ip);
    return row;
  });
}

/** Edits a canned answer the officer may change (others: not found). */
export async function updateCannedAnswer(
  deps: { db: Db; agencies: AgencyDirectory },
  officer: SignedInOfficer,
  id: number,
  input: CannedAnswerInput & { ip?: string },
): Promise<CannedAnswer> {
  const values = checked(deps, officer, input);
  return deps.db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const [row] = await tx
      .update(cannedAnswers)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(cannedAnswers.id, id), editable(officer)))
      .returning();
    if (!row) throw refuse("not_found", "no such editable canned answer", "Không tìm thấy mẫu trả lời.");
    await auditCanned(tx, officer, "update", { id: id, agencyId: row.agencyId }, input.ip);
    return row;
  });
}

/** Deletes a canned answer the officer may change (others: not found). */
export async function deleteCannedAnswer(
  deps: { db: Db },
  officer: SignedInOfficer,
  id: number,
  options: { ip?: string } = {},
): Promise<void> {
  assertCanManage(officer);
  await deps.db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const [row] = await tx
      .delete(cannedAnswers)
      .where(and(eq(cannedAnswers.id, id), editable(officer)))
      .returning({ id: cannedAnswers.id, agencyId: cannedAnswers.agencyId });
    if (!row) throw refuse("not_found", "no such editable canned answer", "Không tìm thấy mẫu trả lời.");
    await auditCanned(tx, officer, "delete", { id: id, agencyId: row.agencyId }, options.ip);
  });
}

/** Whether the officer may edit this canned answer (for showing edit links). */
export function canEditCanned(officer: SignedInOfficer, row: Pick<CannedAnswer, "agencyId">): boolean {
  if (isProvinceWide(officer.role)) return true;
  return officer.role === "leader" && officer.agencyId !== null && row.agencyId === officer.agencyId;
}
