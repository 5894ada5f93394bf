/**
 * Fact-check benchmark: for the most-used procedures, facts written by reading each record
 * (scripts/bench/facts/expected.jsonl: fee, processing time, place, key papers) are checked against
 * the answer the bot composes for that one part (knowledge/compose composeAnswer, as in a chat turn).
 * Prints one JSON object: per-field accuracy and every failure.
 * With --corpus, also counts over every procedure the composed parts that show a broken fragment
 * (a line starting with closing punctuation, step text among papers) and fee headlines that say
 * "Miễn phí" while the portal's note charges.
 * Usage: npm run --silent bench:facts -- [--expected FILE] [--procedures FILE] [--corpus]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { BUNDLED_PROCEDURES_FILE } from "../knowledge/bundled.js";
import { composeAnswer } from "../knowledge/compose/compose-answer.js";
import { readProceduresFile } from "../knowledge/importers/read-procedures-file.js";
import {
  checkField,
  type ExpectedFacts,
  FACT_FIELDS,
  type FactField,
  sectionBody,
} from "./bench/facts/check-facts.js";
import { corpusDefects } from "./bench/facts/corpus-defects.js";

const { values: args } = parseArgs({
  options: {
    expected: {
      type: "string",
      default: new URL("./bench/facts/expected.jsonl", import.meta.url).pathname,
    },
    procedures: { type: "string", default: process.env.BENCH_PROCEDURES_FILE ?? BUNDLED_PROCEDURES_FILE },
    corpus: { type: "boolean", default: false },
  },
});

const expected = readFileSync(args.expected as string, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as ExpectedFacts);
const all = readProceduresFile(args.procedures as string).procedures;
const byCode = new Map(all.map((p) => [p.code, p]));

const tally = Object.fromEntries(FACT_FIELDS.map((f) => [f, { checked: 0, passed: 0 }])) as Record<
  FactField,
  { checked: number; passed: number }
>;
const failures: { code: string; name: string; field: FactField; why: string[]; answer: string }[] = [];
const missing: string[] = [];
for (const facts of expected) {
  const procedure = byCode.get(facts.code);
  if (!procedure) {
    missing.push(facts.code);
    continue;
  }
  for (const field of FACT_FIELDS) {
    if (!facts[field]) continue;
    const answer = composeAnswer(procedure, [field])
      .map((m) => m.text)
      .join("\n\n");
    const why = checkField(field, facts, sectionBody(answer, field));
    tally[field].checked++;
    if (why.length === 0) tally[field].passed++;
    else
      failures.push({
        code: facts.code,
        name: facts.name,
        field,
        why,
        answer: sectionBody(answer, field) ?? answer,
      });
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const checked = FACT_FIELDS.reduce((n, f) => n + tally[f].checked, 0);
const passed = FACT_FIELDS.reduce((n, f) => n + tally[f].passed, 0);
console.log(
  JSON.stringify(
    {
      procedures: expected.length - missing.length,
      missing,
      accuracy: Object.fromEntries(
        FACT_FIELDS.map((f) => [
          f,
          { ...tally[f], accuracy: round(tally[f].passed / (tally[f].checked || 1)) },
        ]),
      ),
      overall: { checked, passed, accuracy: round(passed / (checked || 1)) },
      ...(args.corpus ? { corpus: corpusDefects(all) } : {}),
      failures: failures.map((f) => ({ ...f, answer: f.answer.slice(0, 600) })),
    },
    null,
    2,
  ),
);
