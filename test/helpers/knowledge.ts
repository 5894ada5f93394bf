import { pino } from "pino";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import type { KnowledgeBase } from "../../knowledge/decision-types.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../../knowledge/knowledge-base.js";

let cached: KnowledgeBase | undefined;

/** The knowledge base built from the 2,642 bundled real procedures (built once per test file). */
export function bundledKnowledgeBase(): KnowledgeBase {
  cached ??= createKnowledgeBase(readProceduresFile(BUNDLED_PROCEDURES_FILE).procedures);
  return cached;
}

/** A logger that stays quiet in tests. */
export const silentLogger = pino({ level: "silent" });
