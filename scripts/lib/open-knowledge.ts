import type { Logger } from "pino";
import { loadConfig } from "../../app/config.js";
import { loadKnowledgeBase, seedKnowledgeBase } from "../../app/knowledge-loader.js";
import { type Database, openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import type { KnowledgeBase } from "../../knowledge/decision-types.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";

/**
 * The knowledge base for a CLI: built straight from a file when one is given, otherwise from the
 * configured database (seeded with the bundled procedures on first use). An already open database
 * is used and left open; otherwise the configured one is opened and closed again.
 */
export async function openKnowledge(
  logger: Logger,
  kbFile?: string,
  open?: Database,
): Promise<KnowledgeBase> {
  if (kbFile) {
    const { procedures, problems } = readProceduresFile(kbFile);
    if (problems.length)
      logger.warn({ skipped: problems.length }, "some lines of the knowledge file were skipped");
    return createKnowledgeBase(procedures);
  }
  const config = loadConfig();
  const database = open ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  try {
    if (!open) await migrate(database);
    await seedKnowledgeBase(database.db, logger);
    return await loadKnowledgeBase(database.db, logger);
  } finally {
    if (!open) await database.close();
  }
}

/**
 * The database of a CLI that files PAKN (the chat CLI): the configured PostgreSQL when
 * DATABASE_URL is set; with a knowledge file and no DATABASE_URL an in-memory PGlite, so a test
 * run leaves nothing behind; otherwise the embedded database under DATA_DIR. Migrated.
 */
export async function openCliDatabase(kbFile?: string): Promise<Database> {
  const config = loadConfig();
  const database = config.DATABASE_URL
    ? await openDatabase({ url: config.DATABASE_URL, poolSize: 2 })
    : await openDatabase(kbFile ? {} : { dataDir: config.DATA_DIR });
  await migrate(database);
  return database;
}
