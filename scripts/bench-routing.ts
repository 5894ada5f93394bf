/**
 * Routing benchmark: text → agency on the answered PAKN examples, measured by k-fold
 * cross-validation (the classifier trained on the other folds only; the rules are fixed data).
 * Prints one JSON object on stdout. Usage: npm run --silent bench:routing -- [--folds 5] [--seed 42]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadAgencies } from "../feedback/routing/agencies.js";
import { classifyPakn, DEFAULT_TRIAGE_THRESHOLD } from "../feedback/routing/classify-pakn.js";
import { trainRoutingModel } from "../feedback/routing/routing-model.js";
import { compileRoutingRules, loadRoutingRules } from "../feedback/routing/routing-rules.js";
import { BUNDLED_PROCEDURES_FILE } from "../knowledge/bundled.js";
import { readProceduresFile } from "../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import {
  type AnsweredExample,
  type LabelledExample,
  labelExamples,
  parseJsonl,
} from "./bench/routing-labels.js";
import { type RoutedExample, routingScores, seededShuffle } from "./bench/routing-metrics.js";

const { values: args } = parseArgs({
  options: {
    input: {
      type: "string",
      default: new URL("../../shared/data/pakn-answered-examples.jsonl", import.meta.url).pathname,
    },
    folds: { type: "string", default: "5" },
    seed: { type: "string", default: "42" },
    "no-kb": { type: "boolean", default: false },
  },
});
const folds = Math.max(2, Number(args.folds));
const seed = Number(args.seed);

const agencies = loadAgencies();
const rules = loadRoutingRules(agencies);
const noRules = compileRoutingRules([]);
const rows = parseJsonl<AnsweredExample>(readFileSync(args.input as string, "utf8"));
const { examples, unresolved } = labelExamples(rows, agencies);
const shuffled = seededShuffle(examples, seed);
const foldOf = new Map(shuffled.map((e, i) => [e.id, i % folds]));
const knowledge = args["no-kb"]
  ? undefined
  : createKnowledgeBase(readProceduresFile(BUNDLED_PROCEDURES_FILE).procedures);

type System = "combined" | "combinedWithProcedureMatch" | "rulesOnly" | "modelOnly" | "majority";
const routed: Record<System, RoutedExample[]> = {
  combined: [],
  combinedWithProcedureMatch: [],
  rulesOnly: [],
  modelOnly: [],
  majority: [],
};
const trainMs: number[] = [];
const classifyMs: number[] = [];

for (let fold = 0; fold < folds; fold++) {
  const train = examples.filter((e) => foldOf.get(e.id) !== fold);
  const test = examples.filter((e) => foldOf.get(e.id) === fold);
  const t0 = performance.now();
  const model = trainRoutingModel(train);
  trainMs.push(performance.now() - t0);
  const majority = mostCommon(train);
  for (const e of test) {
    const base = { id: e.id, gold: e.agency, placeholder: e.placeholder };
    const t1 = performance.now();
    const combined = classifyPakn({ agencies, rules, model }, { text: e.text });
    classifyMs.push(performance.now() - t1);
    routed.combined.push({ ...base, routing: combined });
    if (knowledge) {
      const deps = { agencies, rules, model, knowledge, matchProcedureText: true };
      routed.combinedWithProcedureMatch.push({ ...base, routing: classifyPakn(deps, { text: e.text }) });
    }
    routed.rulesOnly.push({ ...base, routing: classifyPakn({ agencies, rules }, { text: e.text }) });
    routed.modelOnly.push({
      ...base,
      routing: classifyPakn({ agencies, rules: noRules, model }, { text: e.text }),
    });
    routed.majority.push({
      ...base,
      routing: { agency: majority, field: null, confidence: 0, source: "none", candidates: [], triage: true },
    });
  }
}

function mostCommon(list: readonly LabelledExample[]): string {
  const counts = new Map<string, number>();
  for (const e of list) counts.set(e.agency, (counts.get(e.agency) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) * 1000) / 1000;
};
const perAgency: Record<string, number> = {};
for (const e of examples) perAgency[e.agency] = (perAgency[e.agency] ?? 0) + 1;
const { majority: majorityRows, combined, ...others } = routed;
const ministryColumn = (r: RoutedExample) => r.id.startsWith("baochinhphu");

const result = {
  data: {
    file: "pakn-answered-examples.jsonl",
    rows: rows.length,
    labelled: examples.length,
    unresolvedAgencies: unresolved,
    classes: Object.keys(perAgency).length,
    perAgency,
    labels:
      "agency strings mapped to canonical provincial agencies (assets/agencies.tsv): a ministry or its department → the provincial body of its sector, merged bodies → their 2025 successor, districts → UBND cấp xã",
    text: "title + question (what the citizen wrote); the answer is never used",
    placeholders: `${examples.filter((e) => e.placeholder).length} rows whose answer is only a 'forwarded' notice keep their agency label (the question was still addressed to that agency) and are included in training and scoring`,
  },
  protocol: {
    folds,
    seed,
    split:
      "seeded shuffle, fold = position mod k; the classifier is trained on the other folds only; the keyword rules are fixed data",
    triageThreshold: DEFAULT_TRIAGE_THRESHOLD,
    procedureCodes:
      "the data has no related procedure codes, so procedure-picked routing is not measured here (tested in test/feedback/routing)",
  },
  combined: {
    ...routingScores(combined),
    bySubset: {
      ministryColumn: routingScores(combined.filter(ministryColumn)),
      provinceHaTinh: routingScores(combined.filter((r) => !ministryColumn(r))),
    },
  },
  ...(knowledge ? { combinedWithProcedureMatch: routingScores(others.combinedWithProcedureMatch) } : {}),
  baselines: {
    majority: { top1: routingScores(majorityRows).top1 },
    rulesOnly: routingScores(others.rulesOnly),
    modelOnly: routingScores(others.modelOnly),
  },
  timing: {
    trainMsPerFold: Math.round(Math.max(...trainMs)),
    classifyMsP50: quantile(classifyMs, 0.5),
    classifyMsP99: quantile(classifyMs, 0.99),
  },
};
process.stdout.write(`${JSON.stringify(result)}\n`);
