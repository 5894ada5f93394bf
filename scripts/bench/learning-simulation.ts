import type { Db } from "../../db/client.js";
import type { Decision } from "../../knowledge/decision-types.js";
import type { MeaningVector } from "../../knowledge/learned/meaning.js";
import { askBatch, type EditorRound, editorRound } from "./learning-editor.js";
import type { DevQuestion } from "./metrics.js";

/** What the replay needs: the miss log's database and how the bot decides, reads and learns. */
export interface SimulationDeps {
  db: Db;
  decide: (text: string) => Decision;
  meaningOf: (text: string) => MeaningVector;
  hasProcedure: (code: string) => boolean;
  /** Loads the live lessons from the database into whatever `decide` follows. */
  reload: () => Promise<void>;
  log?: (text: string) => void;
}

/** Contiguous batches of nearly equal size. */
export function inBatches<T>(items: readonly T[], count: number): T[][] {
  const size = Math.max(1, Math.ceil(items.length / count));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Replays the stream in batches: each batch asked (misses logged), then the simulated editor's
 * round on the open groups and the lessons reloaded. Returns the rounds.
 */
export async function simulateLearning(
  deps: SimulationDeps,
  stream: readonly DevQuestion[],
  options: { batches: number; groups: number; groupThreshold?: number; unhelpfulShare?: number },
): Promise<EditorRound[]> {
  const missQuestion = new Map<number, DevQuestion>();
  const passedOver = new Set<string>();
  const rounds: EditorRound[] = [];
  for (const [i, batch] of inBatches(stream, options.batches).entries()) {
    const misses = await askBatch({ db: deps.db, decide: deps.decide, missQuestion }, batch, options);
    const round = await editorRound({ ...deps, missQuestion, passedOver }, options);
    rounds.push({ batch: i + 1, asked: batch.length, misses, ...round });
    deps.log?.(
      `batch ${i + 1}: ${batch.length} asked, ${misses} missed, ${round.openGroups} open groups; ` +
        `editor: ${round.link} link, ${round.noise} noise, ${round.skipped} skipped`,
    );
  }
  return rounds;
}

/** The editor's totals over the rounds. */
export function editorTotals(rounds: readonly EditorRound[]) {
  const sum = (key: "link" | "noise" | "skipped" | "missesResolved" | "misses") =>
    rounds.reduce((n, r) => n + r[key], 0);
  return {
    link: sum("link"),
    noise: sum("noise"),
    skipped: sum("skipped"),
    missesLogged: sum("misses"),
    missesResolved: sum("missesResolved"),
  };
}
