import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { RoutingExample } from "./routing-model.js";

/** The bundled labelled examples (text → canonical agency id), built by scripts/build-routing-examples.ts. */
export const BUNDLED_ROUTING_EXAMPLES_FILE = fileURLToPath(
  new URL("../../assets/pakn-routing-examples.jsonl.gz", import.meta.url),
);

/** Reads a JSON-lines example file (plain or gzip); lines without a text and an agency are skipped. */
export function readRoutingExamples(file = BUNDLED_ROUTING_EXAMPLES_FILE): RoutingExample[] {
  const raw = readFileSync(file);
  const content = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString("utf8");
  const out: RoutingExample[] = [];
  for (const line of content.split("\n")) {
    if (!line.trim()) continue;
    try {
      const row = JSON.parse(line) as Partial<RoutingExample>;
      if (typeof row.text === "string" && row.text.trim() && typeof row.agency === "string" && row.agency) {
        out.push({ text: row.text, agency: row.agency });
      }
    } catch {
      // a broken line is skipped, like any other bad row of an editable data file
    }
  }
  return out;
}
