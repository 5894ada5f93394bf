import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { pakn } from "../../db/schema.js";
import { audit } from "../officers/audit.js";
import type { SignedInOfficer } from "../officers/roles.js";
import type { PaknRow } from "../pakn-repo.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import { ACTION_LABELS, type PaknAction, roleAllows, stateAllows } from "./allowed-actions.js";
import { officerStatusLabel } from "./officer-labels.js";
import { paknScope } from "./pakn-scope.js";
import { refuse } from "./refusal.js";

/** What console actions need. */
export interface ActionDeps {
  db: Db;
  agencies: AgencyDirectory;
  now?: () => Date;
}

/** Who acts on which item, from where (the IP goes to the audit log only). */
export interface ActionTarget {
  officer: SignedInOfficer;
  code: string;
  ip?: string;
}

/** What an action did: the row after it and what the audit entry records besides the states. */
export interface ActionResult {
  row: PaknRow;
  audit?: Record<string, unknown>;
}

/** The history actor of a console officer. */
export function officerActor(officer: SignedInOfficer): string {
  return `officer:${officer.id}`;
}

/**
 * Runs one console action in a transaction: locks the item (only within the officer's scope, else
 * not found), checks the role and the state allow the action (a refusal in Vietnamese), does the
 * work and writes the audit entry, so an action and its audit row exist together or not at all.
 */
export async function runPaknAction(
  deps: ActionDeps,
  target: ActionTarget,
  action: PaknAction,
  work: (tx: Db, row: PaknRow) => Promise<ActionResult>,
): Promise<PaknRow> {
  const { officer } = target;
  return deps.db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const [row] = await tx
      .select()
      .from(pakn)
      .where(and(eq(pakn.code, target.code.trim().toUpperCase()), paknScope(officer)))
      .for("update");
    if (!row) throw refuse("not_found", "no such PAKN in scope", "Không tìm thấy phản ánh, kiến nghị.");
    if (!roleAllows(officer, row, action)) {
      throw refuse(
        "conflict",
        `role ${officer.role} may not ${action}`,
        `Tài khoản của bạn không có quyền thực hiện thao tác “${ACTION_LABELS[action]}” với phản ánh này.`,
        { forbidden: true },
      );
    }
    if (!stateAllows(row, action)) {
      throw refuse(
        "conflict",
        `cannot ${action} from ${row.status}`,
        `Không thể thực hiện “${ACTION_LABELS[action]}” khi phản ánh đang ở trạng thái “${officerStatusLabel(row.status)}”.`,
      );
    }
    const result = await work(tx, row);
    await audit(tx, {
      officerId: officer.id,
      action: `pakn.${action}`,
      targetType: "pakn",
      targetId: row.code,
      data: { from: row.status, to: result.row.status, ...result.audit },
      ip: target.ip,
    });
    return result.row;
  });
}
