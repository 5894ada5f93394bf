import { createHash } from "node:crypto";
import { asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/migrate.js";
import { importRuns, procedureChanges, procedures } from "../db/schema.js";
import type { Procedure } from "./procedure.js";

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

/** What an upsert did to one procedure: added, or changed in these top-level canonical fields. */
export interface ProcedureChange {
  code: string;
  change: "added" | "changed";
  /** The top-level fields whose JSON differs from the stored record (empty for an added one). */
  fields: string[];
}

/** JSON with object keys sorted, so values read back from jsonb (which reorders keys) compare equal. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The top-level fields whose content differs between two versions of a procedure, in the new one's order. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return keys.filter((k) => sortedJson(before[k]) !== sortedJson(after[k]));
}

const codesOf = (batch: ReadonlyArray<{ p: Procedure }>) => batch.map((b) => b.p.code);

/**
 * Inserts or updates procedures by code in one transaction, so a failed import leaves the
 * knowledge base as it was; unchanged records are not rewritten (re-import is idempotent).
 */
export async function upsertProcedures(
  db: Db,
  list: Procedure[],
  onProgress?: (done: number) => void,
): Promise<UpsertSummary> {
  return (await upsertProceduresWithChanges(db, list, onProgress)).summary;
}

/**
 * Like upsertProcedures, and also says which procedures were added or changed, and in which
 * fields, so an import can record what it changed.
 */
export async function upsertProceduresWithChanges(
  db: Db,
  list: Procedure[],
  onProgress?: (done: number) => void,
): Promise<{ summary: UpsertSummary; changes: ProcedureChange[] }> {
  const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0 };
  const changes: ProcedureChange[] = [];
  const unique = [...new Map(list.map((p) => [p.code, p])).values()];
  await db.transaction(async (tx) => {
    for (let i = 0; i < unique.length; i += BATCH) {
      const batch = unique.slice(i, i + BATCH).map((p) => ({ p, hash: hashOf(p) }));
      // The stored versions of the records this batch changes, to tell which fields differ.
      const stored = await tx
        .select({ code: procedures.code, hash: procedures.contentHash })
        .from(procedures)
        .where(inArray(procedures.code, codesOf(batch)));
      const storedHash = new Map(stored.map((r) => [r.code, r.hash]));
      const differing = batch.filter((b) => storedHash.has(b.p.code) && storedHash.get(b.p.code) !== b.hash);
      const before = new Map<string, Procedure>();
      if (differing.length) {
        const rows = await tx
          .select({ code: procedures.code, data: procedures.data })
          .from(procedures)
          .where(inArray(procedures.code, codesOf(differing)));
        for (const r of rows) before.set(r.code, r.data as unknown as Procedure);
      }
      const result = await tx
        .insert(procedures)
        .values(batch.map(({ p, hash }) => ({ code: p.code, name: p.name, data: p, contentHash: hash })))
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
        .returning({ code: procedures.code, inserted: sql<boolean>`(xmax = 0)` });
      const written = rowsOf<{ code: string; inserted: boolean }>(result);
      const byCode = new Map(batch.map((b) => [b.p.code, b.p]));
      for (const r of written) {
        const after = byCode.get(r.code) as Procedure;
        const old = before.get(r.code);
        changes.push(
          r.inserted || !old
            ? { code: r.code, change: "added", fields: [] }
            : { code: r.code, change: "changed", fields: changedFields(old, after) },
        );
      }
      const inserted = written.filter((r) => r.inserted).length;
      summary.inserted += inserted;
      summary.updated += written.length - inserted;
      summary.unchanged += batch.length - written.length;
      onProgress?.(Math.min(i + BATCH, unique.length));
    }
  });
  summary.unchanged += list.length - unique.length;
  return { summary, changes };
}

/** All procedures, ordered by code, to build the search index from. */
export async function listProcedures(db: Db): Promise<Procedure[]> {
  const rows = await db.select({ data: procedures.data }).from(procedures).orderBy(asc(procedures.code));
  return rows.map((r) => r.data as unknown as Procedure);
}

/** Number of procedures in the knowledge base (0 means first start). */
export async function countProcedures(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(procedures);
  return row?.n ?? 0;
}

/**
 * Records an import for the operators' history, with what it changed in each procedure when
 * given; returns the run's id.
 */
export async function recordImportRun(
  db: Db,
  run: { source: string; format: string; skipped: number } & UpsertSummary,
  changes: readonly ProcedureChange[] = [],
): Promise<number> {
  const { source, format, skipped, inserted, updated, unchanged } = run;
  const [row] = await db
    .insert(importRuns)
    .values({ source, format, skipped, inserted, updated, unchanged })
    .returning({ id: importRuns.id });
  const id = (row as { id: number }).id;
  await recordProcedureChanges(db, id, changes);
  return id;
}

/** Records what an import run (or, with a null run, an editor's edit) changed in procedures. */
export async function recordProcedureChanges(
  db: Db,
  importRunId: number | null,
  changes: readonly ProcedureChange[],
): Promise<void> {
  for (let i = 0; i < changes.length; i += BATCH * 5) {
    await db.insert(procedureChanges).values(
      changes.slice(i, i + BATCH * 5).map((c) => ({
        importRunId,
        procedureCode: c.code,
        change: c.change,
        fields: c.fields,
      })),
    );
  }
}

/** When a stored procedure was first imported and last imported or edited, and its announcing decision. */
export interface ProcedureRecordInfo {
  code: string;
  name: string;
  decision: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The stored dates and announcing decision of these procedures, by code (unknown codes are absent). */
export async function procedureRecordInfo(
  db: Db,
  codes: readonly string[],
): Promise<Map<string, ProcedureRecordInfo>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({
      code: procedures.code,
      name: procedures.name,
      decision: sql<string | null>`${procedures.data}->>'decision'`,
      createdAt: procedures.createdAt,
      updatedAt: procedures.updatedAt,
    })
    .from(procedures)
    .where(inArray(procedures.code, [...codes]));
  return new Map(rows.map((r) => [r.code, { ...r, decision: r.decision ?? "" }]));
}

/** One recorded change of a procedure, with the import it came with (none for an editor's edit). */
export interface RecordedProcedureChange {
  procedureCode: string;
  change: string;
  fields: string[];
  createdAt: Date;
  importRunId: number | null;
  source: string | null;
}

/** The columns of a recorded change, as both readers of the history select them. */
const CHANGE_COLUMNS = {
  procedureCode: procedureChanges.procedureCode,
  change: procedureChanges.change,
  fields: procedureChanges.fields,
  createdAt: procedureChanges.createdAt,
  importRunId: procedureChanges.importRunId,
};

/** The latest recorded changes of these procedures, newest first, at most `perCode` each. */
export async function recentProcedureChanges(
  db: Db,
  codes: readonly string[],
  perCode = 3,
): Promise<Map<string, RecordedProcedureChange[]>> {
  const out = new Map<string, RecordedProcedureChange[]>();
  if (codes.length === 0) return out;
  const rows = await db
    .select({ ...CHANGE_COLUMNS, source: importRuns.source })
    .from(procedureChanges)
    .leftJoin(importRuns, eq(importRuns.id, procedureChanges.importRunId))
    .where(inArray(procedureChanges.procedureCode, [...codes]))
    .orderBy(desc(procedureChanges.id))
    .limit(codes.length * perCode * 4);
  for (const r of rows) {
    const list = out.get(r.procedureCode) ?? [];
    if (list.length < perCode) list.push(r);
    out.set(r.procedureCode, list);
  }
  return out;
}

/** The latest import run and the procedures it added or changed (at most `limit`), or null before any import. */
export async function lastImportChanges(
  db: Db,
  limit = 200,
): Promise<{
  run: typeof importRuns.$inferSelect;
  changes: RecordedProcedureChange[];
  total: number;
} | null> {
  const [run] = await db.select().from(importRuns).orderBy(desc(importRuns.id)).limit(1);
  if (!run) return null;
  const where = eq(procedureChanges.importRunId, run.id);
  const [rows, [counted]] = await Promise.all([
    db
      .select(CHANGE_COLUMNS)
      .from(procedureChanges)
      .where(where)
      .orderBy(asc(procedureChanges.procedureCode))
      .limit(limit),
    db.select({ n: count() }).from(procedureChanges).where(where),
  ]);
  return {
    run,
    changes: rows.map((r) => ({ ...r, source: run.source })),
    total: counted?.n ?? 0,
  };
}
