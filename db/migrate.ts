import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Database } from "./client.js";

/** Where drizzle-kit writes the SQL migrations. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));

const LOCK_ID = 727_001;

/**
 * Applies the generated SQL migrations that are not yet applied, each in its own transaction,
 * on either driver (drizzle-kit's own migrate fails on PGlite); an advisory lock makes concurrent
 * starts safe. Returns the tags it applied.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrationFiles({ migrationsFolder: dir });
  const { db } = database;
  await db.execute(
    sql`CREATE TABLE IF NOT EXISTS motcua_migrations (hash text PRIMARY KEY, created_at bigint NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_ID})`);
    const rows = await tx.execute(sql`SELECT hash FROM motcua_migrations`);
    const done = new Set(rowsOf<{ hash: string }>(rows).map((r) => r.hash));
    for (const m of migrations) {
      if (done.has(m.hash)) continue;
      for (const statement of m.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`INSERT INTO motcua_migrations (hash, created_at) VALUES (${m.hash}, ${m.folderMillis})`,
      );
      applied.push(String(m.folderMillis));
    }
  });
  return applied;
}

/** Both drivers return rows, one as `rows`, the other as an array-like result. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
