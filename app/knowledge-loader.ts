import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { BUNDLED_PROCEDURES_FILE } from "../knowledge/bundled.js";
import type { KnowledgeBase } from "../knowledge/decision-types.js";
import { readProceduresFile } from "../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import {
  countProcedures,
  listProcedures,
  recordImportRun,
  upsertProcedures,
} from "../knowledge/procedure-repo.js";

/** Loads the bundled procedures into an empty database, so the first start can answer at once. */
export async function seedKnowledgeBase(db: Db, logger: Logger): Promise<void> {
  if ((await countProcedures(db)) > 0) return;
  const { procedures, problems } = readProceduresFile(BUNDLED_PROCEDURES_FILE);
  const summary = await upsertProcedures(db, procedures);
  await recordImportRun(db, {
    source: "bundled",
    format: "dichvucong",
    skipped: problems.length,
    ...summary,
  });
  logger.info({ ...summary, skipped: problems.length }, "loaded the bundled knowledge base");
}

/** Builds the in-memory search index from the database (with the synonyms in force, when given). */
export async function loadKnowledgeBase(
  db: Db,
  logger: Logger,
  options: { synonymsText?: string } = {},
): Promise<KnowledgeBase> {
  const started = performance.now();
  const kb = createKnowledgeBase(await listProcedures(db), options);
  logger.info({ procedures: kb.size, ms: Math.round(performance.now() - started) }, "knowledge base ready");
  return kb;
}
