/**
 * kb:search — reads {"id","q"} JSON lines on stdin and writes one JSON line per input:
 * {"id","action","results":[{"code","name","score"}],"fields","ms"}; a bad line yields
 * {"id"?,"error"} instead. For out_of_scope, `results` lists the weak hits (at most 5) so a caller
 * can still offer "did you mean"; the action says they are not an answer. Logs go to stderr.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { KnowledgeBase } from "../knowledge/decision-types.js";
import { readProceduresFile } from "../knowledge/importers/read-procedures-file.js";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import type { Procedure } from "../knowledge/procedure.js";

/** Answers one input line; never throws, so every input line gets exactly one output line. */
function answerLine(kb: KnowledgeBase, line: string): Record<string, unknown> {
  let id: unknown;
  try {
    const input = JSON.parse(line) as unknown;
    if (!input || typeof input !== "object" || Array.isArray(input))
      return { error: "line is not a JSON object" };
    const { id: rawId, q } = input as { id?: unknown; q?: unknown };
    id = rawId;
    if (typeof q !== "string") return { id, error: 'missing or non-string "q"' };
    const started = performance.now();
    const decision = kb.decide(q);
    const ms = Math.round((performance.now() - started) * 1000) / 1000;
    return {
      id,
      action: decision.action,
      results: decision.hits
        .slice(0, 5)
        .map((h) => ({ code: h.procedure.code, name: h.procedure.name, score: h.score })),
      fields: decision.fields,
      ms,
    };
  } catch (err) {
    return id === undefined
      ? { error: `invalid JSON: ${(err as Error).message}` }
      : { id, error: (err as Error).message };
  }
}

async function loadProcedures(kbFile: string | undefined): Promise<Procedure[]> {
  if (kbFile) {
    const { procedures, problems } = readProceduresFile(kbFile);
    if (problems.length)
      process.stderr.write(`kb:search: ${problems.length} unreadable lines in ${kbFile}\n`);
    return procedures;
  }
  const modulePath = "../db/load-procedures.js";
  const mod = (await import(modulePath)) as { loadProceduresFromDatabase: () => Promise<Procedure[]> };
  return mod.loadProceduresFromDatabase();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { kb: { type: "string" }, jsonl: { type: "boolean", default: false } },
  });
  const started = performance.now();
  const kb = createKnowledgeBase(await loadProcedures(values.kb));
  process.stderr.write(
    `kb:search: ${kb.size} procedures indexed in ${Math.round(performance.now() - started)} ms\n`,
  );
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(answerLine(kb, line))}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`kb:search: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
