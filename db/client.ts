import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
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
  if (options.dataDir) {
    dir = join(options.dataDir, "pglite");
    mkdirSync(dir, { recursive: true });
  }
  const client = new PGlite(dir);
  await client.waitReady;
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    driver: "pglite",
    exec: async (sql) => {
      await client.exec(sql);
    },
    close: async () => {
      if (client.closed) return;
      await client.exec("CHECKPOINT");
      await client.close();
    },
  };
}
