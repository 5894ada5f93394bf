import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { missText, recordMiss } from "../../feedback/learning/miss-log.js";
import { resolveMisses } from "../../feedback/learning/resolve-misses.js";
import type { KnowledgeBase } from "../../knowledge/decision-types.js";
import { BENCH_EDITOR_ID } from "./learning-editor.js";
import { missKindOf } from "./learning-score.js";
import type { DevQuestion } from "./metrics.js";
import { createScratchDatabase } from "./pipeline-database.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const now = () => performance.timeOrigin + performance.now();

/** A probe's state as the second process printed it. */
interface ProbeLine {
  probe: number;
  action: string;
  code: string | null;
  lesson: number | null;
  at: number;
}

/** Edit-to-answer times of the runs (ms) and their median, or why none could be measured. */
export type EditToAnswer =
  | { runs: number[]; median: number; pollMs: number }
  | { runs: null; reason: string };

/**
 * Questions the bot misses and that a link lesson made from them (as the miss log keeps them) would
 * answer with their gold procedure: the probes of the edit-to-answer measure.
 */
export function pickProbes(
  kb: KnowledgeBase,
  candidates: readonly DevQuestion[],
  count: number,
): DevQuestion[] {
  const picked: DevQuestion[] = [];
  for (const q of candidates) {
    if (picked.length >= count) break;
    const code = q.gold[0];
    if (q.behavior !== "answer" || !code || picked.some((p) => p.gold[0] === code)) continue;
    if (!missKindOf(kb.decide(q.q))) continue;
    kb.setLessons([{ id: -1, kind: "link", procedureCode: code, phrases: [missText(q.q)] }]);
    const d = kb.decide(q.q);
    kb.setLessons([]);
    if (d.action === "answer" && d.hits[0]?.procedure.code === code) picked.push(q);
  }
  return picked;
}

/** Starts the probing process and resolves once it has its lessons and printed every probe's first state. */
function startProber(env: Record<string, string>, onLine: (line: ProbeLine) => void) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/bench/learning-probe-process.ts"],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["pipe", "pipe", "inherit"] },
  );
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the probing process did not start in 120 s")), 120_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the probing process exited with ${code}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (text) => {
      const line = JSON.parse(text) as ProbeLine & { ready?: boolean };
      if (line.ready) {
        clearTimeout(timer);
        resolve();
      } else onLine(line);
    });
  });
  return { child, ready };
}

/**
 * Measures, against a throwaway PostgreSQL database, how long an editor's link takes to reach
 * another process: a miss is logged and resolved here, and the clock runs from the commit to the
 * second process's first decision that answers the probe with the linked procedure. One run per
 * probe, the edits spread over the phases of the poll interval (so the median is near half of it).
 */
export async function measureEditToAnswer(options: {
  probes: readonly DevQuestion[];
  proceduresFile: string;
  pollMs: number;
  hasProcedure: (code: string) => boolean;
  log: (text: string) => void;
}): Promise<EditToAnswer> {
  if (options.probes.length === 0)
    return { runs: null, reason: "no question the bot misses could serve as a probe" };
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  try {
    scratch = await createScratchDatabase("learning", 4);
  } catch (err) {
    return { runs: null, reason: `PostgreSQL is unreachable: ${(err as Error).message}` };
  }
  const seen: ProbeLine[] = [];
  const waiters: Array<() => void> = [];
  const prober = startProber(
    {
      LEARNING_DATABASE_URL: scratch.url,
      LEARNING_PROCEDURES: options.proceduresFile,
      LEARNING_POLL_MS: String(options.pollMs),
      LEARNING_PROBES: JSON.stringify(options.probes.map((q) => q.q)),
    },
    (line) => {
      seen.push(line);
      for (const w of waiters.splice(0)) w();
    },
  );
  const corrected = (i: number, code: string) =>
    seen.find((l) => l.probe === i && l.action === "answer" && l.code === code && l.lesson !== null);
  const until = (i: number, code: string, timeoutMs: number) =>
    new Promise<ProbeLine>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`probe ${i} not answered in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const check = () => {
        const hit = corrected(i, code);
        if (hit) {
          clearTimeout(timer);
          resolve(hit);
        } else waiters.push(check);
      };
      check();
    });
  try {
    options.log("edit-to-answer: starting the second process (knowledge base, lesson sync) …");
    await prober.ready;
    const runs: number[] = [];
    for (const [i, q] of options.probes.entries()) {
      const code = q.gold[0] as string;
      // Each edit lands at another phase of the poll interval (a reload just happened: the last
      // run was seen at a poll, the first one at the initial load), as editors' commits fall at random.
      await new Promise((r) => setTimeout(r, (options.pollMs * (i + 0.5)) / options.probes.length));
      if (corrected(i, code)) throw new Error(`probe ${i} was answered before its own edit`);
      const missId = await recordMiss(
        { db: scratch.database.db },
        { kind: "not_found", channel: "bench", text: q.q, candidates: [] },
      );
      await resolveMisses(
        { db: scratch.database.db, hasProcedure: options.hasProcedure },
        { missIds: [missId], kind: "link", procedureCode: code, officerId: BENCH_EDITOR_ID },
      );
      const committedAt = now();
      const line = await until(i, code, options.pollMs * 3 + 30_000);
      runs.push(Math.round(line.at - committedAt));
      options.log(`edit-to-answer run ${i + 1}: ${runs.at(-1)} ms`);
    }
    const sorted = [...runs].sort((a, b) => a - b);
    return { runs, median: sorted[Math.floor(sorted.length / 2)] as number, pollMs: options.pollMs };
  } catch (err) {
    return { runs: null, reason: (err as Error).message };
  } finally {
    prober.child.stdin?.end();
    const exited = new Promise((r) => prober.child.once("exit", r));
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (prober.child.exitCode === null) prober.child.kill("SIGKILL");
    await scratch.drop();
  }
}
