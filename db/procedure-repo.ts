import { createHash } from "node:crypto";
import { asc, count, sql } from "drizzle-orm";
import type { Procedure } from "../knowledge/procedure.js";
import type { Db } from "./client.js";
import { rowsOf } from "./migrate.js";
import { importRuns, procedures } from "./schema.js";

/** What an upsert did. */
export interface UpsertSummary {
  inserted: number;
  updated: number;
  unchanged: number;
}

const BATCH = 200;

function hashOf(p: Procedure): string {
  return createHash("sha256").update(JSON.stringify(p)).digest("hex");
}

/**
 * Inserts or updates procedures by code in one transaction, so a failed import leaves the
 * knowledge base as it was; unchanged records are not rewritten (re-import is idempotent).
 */
export async function upsertProcedures(
  db: Db,
  list: Procedure[],
  onProgress?: (done: number) => void,
): Promise<UpsertSummary> {
  const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
  const unique = [...new Map(list.map((p) => [p.code, p])).values()];
  await db.transaction(async (tx) => {
    for (let i = 0; i < unique.length; i += BATCH) {
      const batch = unique.slice(i, i + BATCH);
      const result = await tx
        .insert(procedures)
        .values(batch.map((p) => ({ code: p.code, name: p.name, data: p, contentHash: hashOf(p) })))
        .onConflictDoUpdate({
          target: procedures.code,
          set: {
            name: sql`excluded.name`,
            data: sql`excluded.data`,
            contentHash: sql`excluded.content_hash`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`${procedures.contentHash} <> excluded.content_hash`,
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      const written = rowsOf<{ inserted: boolean }>(result);
      const inserted = written.filter((r) => r.inserted).length;
      summary.inserted += inserted;
      summary.updated += written.length - inserted;
      summary.unchanged += batch.length - written.length;
      onProgress?.(Math.min(i + BATCH, unique.length));
    }
  });
  summary.unchanged += list.length - unique.length;
  return summary;
}

/** All procedures, ordered by code, to build the search index from. */
export async function listProcedures(db: Db): Promise<Procedure[]> {
  const rows = await db.select({ data: procedures.data }).from(procedures).orderBy(asc(procedures.code));
  return rows.map((r) => r.data);
}

/** Number of procedures in the knowledge base (0 means first start). */
export async function countProcedures(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(procedures);
  return row?.n ?? 0;
}

/** Records an import for the operators' history. */
export async function recordImportRun(
  db: Db,
  run: { source: string; format: string; skipped: number } & UpsertSummary,
): Promise<void> {
  await db.insert(importRuns).values(run);
}
