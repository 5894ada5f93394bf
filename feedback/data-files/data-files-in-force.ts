import type { Db } from "../../db/client.js";
import { parseHolidaysFile } from "../holidays-file.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import { compileRoutingRules, parseRoutingRules, type RoutingRules } from "../routing/routing-rules.js";
import { createWorkingCalendar, type WorkingCalendar } from "../working-calendar.js";
import { agencyDirectoryOf } from "./asset-files.js";
import { readAsset } from "./asset-overrides.js";

/** The province's data files as a process should use them: the admin's saved versions, else the bundled ones. */
export interface DataFilesInForce {
  agencies: AgencyDirectory;
  routingRules: RoutingRules;
  calendar: WorkingCalendar;
  /** synonyms.tsv text, compiled by the knowledge base against its own vocabulary (parseSynonyms + compileSynonyms). */
  synonymsText: string;
}

/**
 * Reads the data files in force once, for a process to start with (edits saved in the console
 * take effect at the next start). Saved versions were checked before saving, so they parse.
 */
export async function loadDataFilesInForce(db: Db): Promise<DataFilesInForce> {
  const [agenciesText, rulesText, holidaysText, synonymsText] = await Promise.all([
    readAsset(db, "agencies.tsv"),
    readAsset(db, "routing-rules.tsv"),
    readAsset(db, "holidays-vn.json"),
    readAsset(db, "synonyms.tsv"),
  ]);
  const agencies = agencyDirectoryOf(agenciesText);
  return {
    agencies,
    routingRules: compileRoutingRules(parseRoutingRules(rulesText, agencies)),
    calendar: createWorkingCalendar(parseHolidaysFile(holidaysText, "holidays-vn.json")),
    synonymsText,
  };
}
