/**
 * Builds assets/pakn-routing-examples.jsonl.gz (text → canonical agency id) from the answered PAKN
 * examples, so the product trains its router without reading ../shared at run time.
 * Usage: npx tsx scripts/build-routing-examples.ts [--input FILE] [--output FILE]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { loadAgencies } from "../feedback/routing/agencies.js";
import { BUNDLED_ROUTING_EXAMPLES_FILE } from "../feedback/routing/routing-examples.js";
import { type AnsweredExample, labelExamples, parseJsonl } from "./bench/routing-labels.js";

const { values: args } = parseArgs({
  options: {
    input: {
      type: "string",
      default: new URL("../../shared/data/pakn-answered-examples.jsonl", import.meta.url).pathname,
    },
    output: { type: "string", default: BUNDLED_ROUTING_EXAMPLES_FILE },
  },
});

const rows = parseJsonl<AnsweredExample>(readFileSync(args.input as string, "utf8"));
const { examples, unresolved } = labelExamples(rows, loadAgencies());
const lines = examples.map((e) => JSON.stringify({ id: e.id, text: e.text, agency: e.agency }));
writeFileSync(args.output as string, gzipSync(`${lines.join("\n")}\n`, { level: 9 }));
const perAgency: Record<string, number> = {};
for (const e of examples) perAgency[e.agency] = (perAgency[e.agency] ?? 0) + 1;
process.stdout.write(
  `${JSON.stringify({ written: examples.length, unresolved, perAgency, output: args.output })}\n`,
);
