import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { BUNDLED_PROCEDURES_FILE } from "../../../knowledge/bundled.js";

/** The real portal scrape (the bundled copy, uncompressed once into the temp folder) shared by the importer tests. */
export const PORTAL_FILE = extractBundled();

function extractBundled(): string {
  const gz = readFileSync(BUNDLED_PROCEDURES_FILE);
  const target = join(tmpdir(), `motcua-portal-${gz.length}.jsonl`);
  if (!existsSync(target)) {
    const partial = `${target}.${process.pid}`;
    writeFileSync(partial, gunzipSync(gz));
    renameSync(partial, target);
  }
  return target;
}

let cache: Map<string, Record<string, unknown>> | undefined;

/** All records of the scrape, by code (read once per test file). */
export function portalRecords(): Map<string, Record<string, unknown>> {
  if (!cache) {
    cache = new Map();
    for (const line of readFileSync(PORTAL_FILE, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as Record<string, unknown>;
      cache.set(String(r.ma_thu_tuc), r);
    }
  }
  return cache;
}

/** One real record of the scrape by its procedure code. */
export function portalRecord(code: string): Record<string, unknown> {
  const r = portalRecords().get(code);
  if (!r) throw new Error(`no record ${code} in ${PORTAL_FILE}`);
  return r;
}
