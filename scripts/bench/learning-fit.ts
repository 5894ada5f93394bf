import type { Database } from "../../db/client.js";
import { loadLessons } from "../../feedback/learning/lesson-repo.js";
import type { KnowledgeBase } from "../../knowledge/decision-types.js";
import type { LearningWeights } from "../../knowledge/learned/learning-weights.js";
import { devPart } from "./dev-split.js";
import { flips, type QuestionOutcome, scoreAll, setReport } from "./learning-score.js";
import { editorTotals, simulateLearning } from "./learning-simulation.js";
import type { DevQuestion } from "./metrics.js";

/** The thresholds tried by `--fit`: every combination (override below match is skipped). */
export const FIT_GRID = { match: [0.5, 0.6, 0.7], override: [0.7, 0.8, 0.9, 1], group: [0.4, 0.5, 0.6] };

/** One combination tried: the editor's work and the held-back phrasings' outcome per dev part. */
export interface FitRow extends Pick<LearningWeights, "match" | "override" | "group"> {
  editorActions: number;
  heldBack: Record<
    "tune" | "held",
    { rightAfter: number | null; top1After: number | null; wrongAfter: number }
  >;
  streamAnsweredAfter: number | null;
}

/**
 * Replays the whole simulation for every combination in FIT_GRID (the miss log emptied in between)
 * on the knowledge base itself, and picks by the held-back phrasings of the TUNE part only (most
 * right after, then fewest hijacked, then the nearest to the bundled thresholds); the HELD part is
 * reported beside it.
 */
export async function fitThresholds(
  deps: { kb: KnowledgeBase; database: Database; log: (text: string) => void },
  sets: { stream: DevQuestion[]; heldBack: DevQuestion[]; before: Map<string, QuestionOutcome> },
  options: { batches: number; groups: number; bundled: LearningWeights; unhelpfulShare: number },
) {
  const everyone = [...sets.stream, ...sets.heldBack];
  const rows: FitRow[] = [];
  const { kb } = deps;
  const decide = (text: string) => kb.decide(text);
  for (const match of FIT_GRID.match)
    for (const override of FIT_GRID.override.filter((o) => o >= match))
      for (const group of FIT_GRID.group) {
        await deps.database.exec(
          "TRUNCATE kb_misses, kb_lessons, kb_lesson_phrases, audit_log RESTART IDENTITY",
        );
        const weights = { match, override };
        kb.setLessons([], weights);
        const { db } = deps.database;
        const rounds = await simulateLearning(
          {
            db,
            decide,
            meaningOf: (t) => kb.meaningOf(t),
            hasProcedure: (code) => kb.get(code) !== undefined,
            reload: async () => kb.setLessons(await loadLessons(db), weights),
          },
          sets.stream,
          {
            batches: options.batches,
            groups: options.groups,
            groupThreshold: group,
            unhelpfulShare: options.unhelpfulShare,
          },
        );
        const after = scoreAll(decide, everyone);
        const held = setReport(sets.heldBack, sets.before, after);
        const part = (p: "tune" | "held") => ({
          rightAfter: held[p].rightShare.after,
          top1After: held[p].top1.after,
          wrongAfter: flips(
            sets.heldBack.filter((q) => devPart(q.id) === p),
            sets.before,
            after,
          ).wrongAfter,
        });
        const totals = editorTotals(rounds);
        rows.push({
          match,
          override,
          group,
          editorActions: totals.link + totals.noise,
          heldBack: { tune: part("tune"), held: part("held") },
          streamAnsweredAfter: setReport(sets.stream, sets.before, after).answeredShare.after,
        });
        deps.log(`fit: match ${match}, override ${override}, group ${group} done`);
      }
  kb.setLessons([]);
  const b = options.bundled;
  const distance = (r: FitRow) =>
    Math.abs(r.match - b.match) + Math.abs(r.override - b.override) + Math.abs(r.group - b.group);
  const key = (r: FitRow) => [r.heldBack.tune.rightAfter ?? 0, -r.heldBack.tune.wrongAfter, -distance(r)];
  const best = [...rows].sort((x, y) => {
    const [a, c] = [key(x), key(y)];
    for (let i = 0; i < a.length; i++) if (a[i] !== c[i]) return (c[i] as number) - (a[i] as number);
    return 0;
  })[0];
  return { grid: FIT_GRID, best, rows };
}
