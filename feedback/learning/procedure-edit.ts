import { asc, eq, ilike, or } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { procedures } from "../../db/schema.js";
import { orderProcedureKeys } from "../../knowledge/importers/canonical.js";
import { type Procedure, procedureSchema } from "../../knowledge/procedure.js";
import { recordProcedureChanges, upsertProceduresWithChanges } from "../../knowledge/procedure-repo.js";
import { audit } from "../officers/audit.js";

/** A procedure as the admin's list shows it. */
export interface ProcedureListing {
  code: string;
  name: string;
}

/** Most procedures a search lists (the admin narrows the words to see others). */
const SEARCH_LIMIT = 50;

/** Procedures whose code is `q` or whose name contains it, for the admin to pick one to edit. */
export async function findProcedures(deps: { db: Db }, q: string): Promise<ProcedureListing[]> {
  const words = q.normalize("NFC").trim().slice(0, 200);
  if (!words) return [];
  const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return deps.db
    .select({ code: procedures.code, name: procedures.name })
    .from(procedures)
    .where(or(eq(procedures.code, words), ilike(procedures.name, pattern)))
    .orderBy(asc(procedures.code))
    .limit(SEARCH_LIMIT);
}

/** One procedure in its canonical form (our own JSON, fields in their usual order). */
export async function loadProcedure(deps: { db: Db }, code: string): Promise<Procedure | undefined> {
  const [row] = await deps.db
    .select({ data: procedures.data })
    .from(procedures)
    .where(eq(procedures.code, code));
  return row ? orderProcedureKeys(row.data as unknown as Procedure) : undefined;
}

/** What saving an edited procedure did: saved (or unchanged), or why not, in Vietnamese for the admin. */
export type ProcedureSaveResult = { saved: true; changed: boolean } | { saved: false; problems: string[] };

/**
 * Saves an admin's edit of one procedure, given as our canonical JSON: checked against the
 * procedure model (every problem listed with its field), the code may not change, and nothing is
 * written unless it is valid. Audited; running processes use it after their next start.
 */
export async function saveProcedureJson(
  deps: { db: Db },
  input: { code: string; json: string; officerId: number; ip?: string },
): Promise<ProcedureSaveResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(input.json);
  } catch (err) {
    return { saved: false, problems: [`Không phải JSON hợp lệ: ${(err as Error).message}`] };
  }
  const parsed = procedureSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      saved: false,
      problems: parsed.error.issues.map((i) => `${i.path.join(".") || "(toàn bộ)"}: ${i.message}`),
    };
  }
  if (parsed.data.code !== input.code) {
    return {
      saved: false,
      problems: [`Không được đổi mã thủ tục (${input.code}); hãy nhập thủ tục mới bằng tệp.`],
    };
  }
  const { summary, changes } = await upsertProceduresWithChanges(deps.db, [parsed.data as Procedure]);
  const changed = summary.updated + summary.inserted > 0;
  if (changed) {
    // An edit is no import run: its changes are listed with none.
    await recordProcedureChanges(deps.db, null, changes);
    await audit(deps.db, {
      officerId: input.officerId,
      action: "procedure_edit",
      targetType: "procedure",
      targetId: input.code,
      ip: input.ip,
    });
  }
  return { saved: true, changed };
}
