import { type DatabaseOptions, openDatabase } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import type { Procedure } from "./procedure.js";
import { listProcedures } from "./procedure-repo.js";

/** Loads the knowledge base from a database, for CLIs that need no server. */
export async function loadProceduresFromDatabase(options: DatabaseOptions): Promise<Procedure[]> {
  const database = await openDatabase(options);
  try {
    await migrate(database);
    return await listProcedures(database.db);
  } finally {
    await database.close();
  }
}
