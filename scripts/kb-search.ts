/**
 * kb:search — reads {"id","q"} JSON lines on stdin and writes one JSON line per input:
 * {"id","action","results":[{"code","name","score"}],"fields","ms"}; a bad line yields
 * {"id"?,"error"} instead. For out_of_scope, `results` lists the weak hits (at most 5) so a caller
 * can still offer "did you mean"; the action says they are not an answer. Without --kb the
 * knowledge base comes from the configured database (seeded with the bundled procedures when
 * empty). With --explain each result also carries `explain`: the score's make-up (each message
 * term's contribution to the raw score, then the factors it is multiplied by). Without --jsonl a
 * line that is not a JSON object is the question itself, for a person typing at a terminal. A
 * wrong flag prints the usage line (exit 2); --help prints it (exit 0). Logs go to stderr.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createLogger } from "../app/logger.js";
import type { KnowledgeBase } from "../knowledge/decision-types.js";
import type { ScoreExplanation } from "../knowledge/search/score-explanation.js";
import { AppError } from "../lib/errors.js";
import { openKnowledge } from "./lib/open-knowledge.js";

const USAGE = "usage: npm run --silent kb:search -- [--kb FILE] [--jsonl] [--explain] < questions";

const r3 = (v: number) => Math.round(v * 1000) / 1000;

/** A score breakdown with readable numbers (three decimals, like the scores themselves). */
function rounded(e: ScoreExplanation): ScoreExplanation {
  return {
    score: r3(e.score),
    raw: r3(e.raw),
    terms: e.terms.map((t) => ({ ...t, contribution: r3(t.contribution) })),
    factors: e.factors.map((f) =>
      f.value === undefined
        ? { ...f, factor: r3(f.factor) }
        : { ...f, value: r3(f.value), factor: r3(f.factor) },
    ),
  };
}

/** Answers one input line; never throws, so every input line gets exactly one output line. */
function answerLine(
  kb: KnowledgeBase,
  line: string,
  options: { explain: boolean; jsonl: boolean },
): Record<string, unknown> {
  const { explain } = options;
  let id: unknown;
  try {
    const plain = !options.jsonl && !line.trimStart().startsWith("{");
    const input = plain ? { q: line.trim() } : (JSON.parse(line) as unknown);
    if (!input || typeof input !== "object" || Array.isArray(input))
      return { error: "line is not a JSON object" };
    const { id: rawId, q } = input as { id?: unknown; q?: unknown };
    id = rawId;
    if (typeof q !== "string") return { id, error: 'missing or non-string "q"' };
    const started = performance.now();
    const decision = kb.decide(q);
    const ms = Math.round((performance.now() - started) * 1000) / 1000;
    const hits = decision.hits.slice(0, 5);
    const why = explain
      ? kb.explain(
          q,
          hits.map((h) => h.procedure.code),
        )
      : undefined;
    return {
      id,
      action: decision.action,
      results: hits.map((h) => {
        const result = { code: h.procedure.code, name: h.procedure.name, score: h.score };
        const e = why?.get(h.procedure.code);
        return e ? { ...result, explain: rounded(e) } : result;
      }),
      fields: decision.fields,
      ms,
      // Optional: where an out-of-scope question is handled instead (a court, an embassy …).
      ...(decision.elsewhere ? { elsewhere: decision.elsewhere } : {}),
      // Optional: the best procedure of each other thing the message asks about.
      ...(decision.alsoAsked?.length
        ? {
            alsoAsked: decision.alsoAsked.map((h) => ({
              code: h.procedure.code,
              name: h.procedure.name,
              score: h.score,
            })),
          }
        : {}),
    };
  } catch (err) {
    return id === undefined
      ? { error: `invalid JSON: ${(err as Error).message}` }
      : { id, error: (err as Error).message };
  }
}

/** The command's flags, or undefined after printing why they are wrong (or the usage asked for). */
function readFlags(): { kb?: string; jsonl: boolean; explain: boolean } | undefined {
  try {
    const { values } = parseArgs({
      options: {
        kb: { type: "string" },
        jsonl: { type: "boolean", default: false },
        explain: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return undefined;
    }
    return { kb: values.kb, jsonl: values.jsonl === true, explain: values.explain === true };
  } catch (err) {
    process.stderr.write(`kb:search: ${(err as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return undefined;
  }
}

async function main(): Promise<void> {
  const values = readFlags();
  if (!values) return;
  const started = performance.now();
  const kb = await openKnowledge(createLogger({ level: "warn", toStderr: true }), values.kb);
  process.stderr.write(
    `kb:search: ${kb.size} procedures indexed in ${Math.round(performance.now() - started)} ms\n`,
  );
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(answerLine(kb, line, values))}\n`);
  }
}

main().catch((err: unknown) => {
  // An expected refusal (e.g. the embedded database in use by a server) needs no stack trace.
  const text = err instanceof AppError ? err.message : ((err as Error).stack ?? String(err));
  process.stderr.write(`kb:search: ${text}\n`);
  process.exitCode = 1;
});
