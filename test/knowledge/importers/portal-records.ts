import { readFileSync } from "node:fs";

/** The real portal scrape shared by the importer tests. */
export const PORTAL_FILE = new URL(
  "../../../../shared/data/procedures-dichvucong-2642.jsonl",
  import.meta.url,
).pathname;

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
