import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";

/** The server used for tests; each test file gets a database of its own on it. */
export const TEST_PG_ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The two drivers every database test runs against. */
export const DRIVERS = ["pg", "pglite"] as const;
export type Driver = (typeof DRIVERS)[number];

/** A migrated, empty database of the given kind, and a disposer that removes it. */
export async function createTestDatabase(
  driver: Driver,
): Promise<{ database: Database; url?: string; dispose: () => Promise<void> }> {
  if (driver === "pglite") {
    const database = await openDatabase({});
    await migrate(database);
    return { database, dispose: () => database.close() };
  }
  const name = `motcua_t_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  await migrate(database);
  return {
    database,
    url: url.toString(),
    dispose: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
