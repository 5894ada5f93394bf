import { loadConfig } from "../app/config.js";
import type { Procedure } from "../knowledge/procedure.js";
import { openDatabase } from "./client.js";
import { migrate } from "./migrate.js";
import { listProcedures } from "./procedure-repo.js";

/** Loads the knowledge base from the configured database, for CLIs that need no server. */
export async function loadProceduresFromDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Procedure[]> {
  const config = loadConfig(env);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(database);
    return await listProcedures(database.db);
  } finally {
    await database.close();
  }
}
