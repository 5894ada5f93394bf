import { createHash } from "node:crypto";
import type { Db } from "../../db/client.js";
import { listMissGroups, type MissGroup } from "../../feedback/learning/miss-groups.js";
import { recordMiss } from "../../feedback/learning/miss-log.js";
import { resolveMisses } from "../../feedback/learning/resolve-misses.js";
import type { Decision } from "../../knowledge/decision-types.js";
import type { MeaningVector } from "../../knowledge/learned/meaning.js";
import { missKindOf } from "./learning-score.js";
import type { DevQuestion } from "./metrics.js";

/** The simulated editor's officer id (the audit log keeps it; no account is needed). */
export const BENCH_EDITOR_ID = 1;

/** What the simulated editor did after one batch. */
export interface EditorRound {
  batch: number;
  asked: number;
  misses: number;
  openGroups: number;
  link: number;
  noise: number;
  skipped: number;
  missesResolved: number;
}

/** The editor's reading of a group: the label most of its members carry, and for answers the most common gold procedure. */
export function groupVerdict(
  members: readonly DevQuestion[],
): { kind: "link"; procedureCode: string } | { kind: "noise" } | undefined {
  const labels = new Map<string, number>();
  for (const q of members) labels.set(q.behavior, (labels.get(q.behavior) ?? 0) + 1);
  const ranked = [...labels].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  if (!top || (second && second[1] === top[1])) return undefined;
  if (top[0] === "out_of_scope") return { kind: "noise" };
  if (top[0] !== "answer") return undefined;
  const codes = new Map<string, number>();
  for (const q of members) {
    const code = q.behavior === "answer" ? q.gold[0] : undefined;
    if (code) codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  const best = [...codes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best ? { kind: "link", procedureCode: best[0] } : undefined;
}

/**
 * Whether the citizen who asked `id` presses "Chưa đúng" under a wrong answer: a fixed share of
 * them, chosen by a hash of the id so every run (and every threshold tried) agrees.
 */
export function marksWrongAnswer(id: string, share: number): boolean {
  return (createHash("sha1").update(id).digest()[0] ?? 0) / 256 < share;
}

/**
 * Asks one batch of questions as citizens would, logging each miss (nothing found, a choice
 * offered, or a wrong answer the citizen marked "Chưa đúng") with its candidates, and remembers
 * which question each logged miss came from.
 */
export async function askBatch(
  deps: { db: Db; decide: (text: string) => Decision; missQuestion: Map<number, DevQuestion> },
  batch: readonly DevQuestion[],
  options: { unhelpfulShare?: number } = {},
): Promise<number> {
  let misses = 0;
  for (const q of batch) {
    const decision = deps.decide(q.q);
    const first = decision.hits[0]?.procedure.code;
    const wrong =
      q.behavior === "answer" &&
      decision.action === "answer" &&
      first !== undefined &&
      !q.gold.includes(first);
    const kind =
      missKindOf(decision) ??
      (wrong && marksWrongAnswer(q.id, options.unhelpfulShare ?? 0) ? ("unhelpful" as const) : undefined);
    if (!kind) continue;
    const candidates = decision.hits.map((h) => ({
      code: h.procedure.code,
      name: h.procedure.name,
      score: h.score,
    }));
    const id = await recordMiss({ db: deps.db }, { kind, channel: "bench", text: q.q, candidates });
    deps.missQuestion.set(id, q);
    misses++;
  }
  return misses;
}

/**
 * The simulated editor's round: the largest open groups first, oldest first among equals (up to `groups` of them, leaving
 * out groups it already passed over unchanged), each resolved by its members' gold labels (link,
 * noise, or skipped), then the live lessons reloaded into the knowledge base.
 */
export async function editorRound(
  deps: {
    db: Db;
    meaningOf: (text: string) => MeaningVector;
    hasProcedure: (code: string) => boolean;
    missQuestion: Map<number, DevQuestion>;
    passedOver: Set<string>;
    reload: () => Promise<void>;
  },
  options: { groups: number; groupThreshold?: number },
): Promise<Omit<EditorRound, "batch" | "asked" | "misses">> {
  const open = await listMissGroups(
    { db: deps.db, meaningOf: deps.meaningOf },
    { since: new Date(0), until: new Date(Date.now() + 86_400_000), threshold: options.groupThreshold },
  );
  const round = { openGroups: open.length, link: 0, noise: 0, skipped: 0, missesResolved: 0 };
  // Largest first, then oldest first: the log's own order breaks ties on timestamps, which can be equal.
  const first = (g: MissGroup) => Math.min(...g.missIds);
  const fresh = open
    .filter((g) => !deps.passedOver.has(g.missIds.join(",")))
    .sort((a, b) => b.missIds.length - a.missIds.length || first(a) - first(b));
  for (const group of fresh.slice(0, options.groups)) {
    const members = group.missIds
      .map((id) => deps.missQuestion.get(id))
      .filter((q): q is DevQuestion => q !== undefined);
    const verdict = groupVerdict(members);
    if (!verdict) {
      round.skipped++;
      deps.passedOver.add(group.missIds.join(","));
      continue;
    }
    const outcome = await resolveMisses(
      { db: deps.db, hasProcedure: deps.hasProcedure },
      { missIds: group.missIds, ...verdict, officerId: BENCH_EDITOR_ID },
    );
    round[verdict.kind]++;
    round.missesResolved += outcome.resolved;
  }
  await deps.reload();
  return round;
}
