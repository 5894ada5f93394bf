import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { type DataDirLock, lockDataDir } from "./data-dir-lock.js";
import { ensurePrivateDir, restrictUmask, tightenTree, type WarnFn } from "./private-dir.js";
import * as schema from "./schema.js";

/** The Drizzle database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database with its driver kind and an orderly close. */
export interface Database {
  db: Db;
  driver: "pg" | "pglite";
  /** Runs raw SQL (used by the migrator and maintenance). */
  exec(sql: string): Promise<void>;
  /** Flushes and closes (PGlite: CHECKPOINT first, so the data directory is consistent). */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; unset means embedded PGlite. */
  url?: string;
  /** Directory of the embedded database; unset with no url means in-memory. */
  dataDir?: string;
  /** Connection pool size for the server driver. */
  poolSize?: number;
  /** Where a warning about the data directory's permissions goes; unset: stderr. */
  warn?: WarnFn;
}

/** Opens PostgreSQL through `pg` when a URL is given, otherwise the embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // An unreachable server fails a request in seconds instead of hanging it for the OS's TCP timeout.
      connectionTimeoutMillis: 5_000,
    });
    pool.on("error", () => {
      // Idle client errors (server restart) surface on the next query; nothing to do here.
    });
    return {
      db: drizzlePg(pool, { schema }) as unknown as Db,
      driver: "pg",
      exec: async (sql) => {
        await pool.query(sql);
      },
      close: () => pool.end(),
    };
  }
  let dir: string | undefined;
  let lock: DataDirLock | undefined;
  if (options.dataDir) {
    // Owner-only, and one process at a time: a second PGlite on the same files corrupts them.
    restrictUmask();
    ensurePrivateDir(options.dataDir, options.warn);
    lock = lockDataDir(options.dataDir);
    dir = join(options.dataDir, "pglite");
  }
  let client: PGlite;
  try {
    if (dir) ensurePrivateDir(dir, options.warn);
    client = new PGlite(dir);
    await client.waitReady;
    // PGlite writes its initial files world-writable (0666) whatever the umask.
    if (dir) tightenTree(dir);
  } catch (err) {
    lock?.release();
    throw err;
  }
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    driver: "pglite",
    exec: async (sql) => {
      await client.exec(sql);
    },
    close: async () => {
      if (client.closed) return;
      try {
        await client.exec("CHECKPOINT");
        await client.close();
        if (dir) tightenTree(dir);
      } finally {
        // Still open after a failure: the lock goes only with the process.
        if (client.closed) lock?.release();
      }
    },
  };
}
