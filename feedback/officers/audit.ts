import type { Db } from "../../db/client.js";
import { auditLog } from "../../db/schema.js";

/** One console action or sign-in attempt; data never holds a password, token or citizen contact detail. */
export interface AuditEntry {
  officerId: number | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
  ip?: string;
}

/** Records an action in the audit log (inside the caller's transaction when given one). */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    officerId: entry.officerId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    data: entry.data ?? {},
    ip: entry.ip ?? null,
  });
}
