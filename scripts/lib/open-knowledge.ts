import type { Logger } from "pino";
import { loadConfig } from "../../app/config.js";
import { loadKnowledgeBase, seedKnowledgeBase } from "../../app/knowledge-loader.js";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import type { KnowledgeBase } from "../../knowledge/decision-types.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";

/**
 * The knowledge base for a CLI: built straight from a file when one is given, otherwise from the
 * configured database (seeded with the bundled procedures on first use).
 */
export async function openKnowledge(logger: Logger, kbFile?: string): Promise<KnowledgeBase> {
  if (kbFile) {
    const { procedures, problems } = readProceduresFile(kbFile);
    if (problems.length)
      logger.warn({ skipped: problems.length }, "some lines of the knowledge file were skipped");
    return createKnowledgeBase(procedures);
  }
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(database);
    await seedKnowledgeBase(database.db, logger);
    return await loadKnowledgeBase(database.db, logger);
  } finally {
    await database.close();
  }
}
