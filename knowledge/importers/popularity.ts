import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { isGzip } from "./collect-procedures.js";

/** The bundled usage weights of national-portal e-services (code → weight). */
export const BUNDLED_POPULARITY_FILE = fileURLToPath(
  new URL("../../assets/service-popularity.jsonl.gz", import.meta.url),
);

let cached: Map<string, number> | undefined;

/** Loads the usage weights by procedure code; the portal scrape carries none of its own. */
export function loadPopularity(path = BUNDLED_POPULARITY_FILE): Map<string, number> {
  if (path === BUNDLED_POPULARITY_FILE && cached) return cached;
  const buf = readFileSync(path);
  const content = (isGzip(buf) ? gunzipSync(buf) : buf).toString("utf8");
  const map = new Map<string, number>();
  for (const line of content.split("\n")) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { code?: string; ma_thu_tuc?: string; weight?: number };
    const code = row.code ?? row.ma_thu_tuc;
    if (code && typeof row.weight === "number") map.set(code, Math.max(map.get(code) ?? 0, row.weight));
  }
  if (path === BUNDLED_POPULARITY_FILE) cached = map;
  return map;
}
