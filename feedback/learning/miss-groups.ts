import { and, desc, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { kbFollowers, kbMisses } from "../../db/schema.js";
import { LEARNING_WEIGHTS } from "../../knowledge/learned/learning-weights.js";
import { type MeaningVector, similarity } from "../../knowledge/learned/meaning.js";

/** One need asked in several ways: the misses in it and what the editor needs to decide. */
export interface MissGroup {
  missIds: number[];
  /** Distinct question texts, most recent first (at most EXAMPLES). */
  examples: string[];
  /** The bot's best guesses across the group: how many misses had each, and its best score. */
  guesses: Array<{ code: string; name: string; score: number; count: number }>;
  /** Candidates citizens picked when offered a choice. */
  chosen: Array<{ code: string; count: number }>;
  kinds: Record<string, number>;
  /** Citizens waiting to be told. */
  followers: number;
  firstAt: Date;
  lastAt: Date;
}

const EXAMPLES = 5;
const GUESSES = 3;
/** The most misses grouped at once (the most recent), so the page stays fast on a bad week. */
export const MAX_GROUPED = 3_000;

interface Cluster {
  centroid: Map<string, number>;
  norm: number;
  rows: Array<typeof kbMisses.$inferSelect>;
}

function addTo(cluster: Cluster, meaning: MeaningVector): void {
  if (meaning.norm === 0) return;
  for (const [t, w] of meaning.weights)
    cluster.centroid.set(t, (cluster.centroid.get(t) ?? 0) + w / meaning.norm);
  let sum = 0;
  for (const w of cluster.centroid.values()) sum += w * w;
  cluster.norm = Math.sqrt(sum);
}

/**
 * Groups the open misses of a period by meaning (the knowledge base's own analysis: words, everyday
 * phrases' expansions, idf), largest group first: each miss joins the most similar group when close
 * enough, else starts one. A clarify the citizen answered is no longer open.
 */
export async function listMissGroups(
  deps: { db: Db; meaningOf: (text: string) => MeaningVector },
  input: { since: Date; until: Date; threshold?: number },
): Promise<MissGroup[]> {
  const threshold = input.threshold ?? LEARNING_WEIGHTS.group;
  const rows = await deps.db
    .select()
    .from(kbMisses)
    .where(
      and(
        isNull(kbMisses.lessonId),
        gte(kbMisses.createdAt, input.since),
        lt(kbMisses.createdAt, input.until),
        or(sql`${kbMisses.kind} <> 'clarify'`, isNull(kbMisses.chosenCode)),
      ),
    )
    .orderBy(desc(kbMisses.id))
    .limit(MAX_GROUPED);
  rows.reverse();
  const clusters: Cluster[] = [];
  for (const row of rows) {
    const meaning = deps.meaningOf(row.text);
    let best: Cluster | undefined;
    let bestSim = threshold;
    for (const c of clusters) {
      const s = similarity(meaning, { weights: c.centroid, norm: c.norm });
      if (s >= bestSim) {
        best = c;
        bestSim = s;
      }
    }
    if (!best) {
      best = { centroid: new Map(), norm: 0, rows: [] };
      clusters.push(best);
    }
    best.rows.push(row);
    addTo(best, meaning);
  }
  const followers = await followerCounts(
    deps.db,
    rows.map((r) => r.id),
  );
  return clusters
    .map((c) => summarise(c.rows, followers))
    .sort((a, b) => b.missIds.length - a.missIds.length || b.lastAt.getTime() - a.lastAt.getTime());
}

async function followerCounts(db: Db, missIds: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (missIds.length === 0) return counts;
  const rows = await db
    .select({ missId: kbFollowers.missId, n: sql<number>`count(*)::int` })
    .from(kbFollowers)
    .where(inArray(kbFollowers.missId, missIds))
    .groupBy(kbFollowers.missId);
  for (const r of rows) counts.set(r.missId, Number(r.n));
  return counts;
}

function summarise(rows: Array<typeof kbMisses.$inferSelect>, followers: Map<number, number>): MissGroup {
  const recent = [...rows].reverse();
  const examples = [...new Set(recent.map((r) => r.text))].slice(0, EXAMPLES);
  const guesses = new Map<string, { code: string; name: string; score: number; count: number }>();
  const chosen = new Map<string, number>();
  const kinds: Record<string, number> = {};
  for (const r of rows) {
    kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
    if (r.chosenCode) chosen.set(r.chosenCode, (chosen.get(r.chosenCode) ?? 0) + 1);
    const top = r.candidates[0];
    if (!top) continue;
    const g = guesses.get(top.code) ?? { ...top, count: 0 };
    g.count += 1;
    g.score = Math.max(g.score, top.score);
    guesses.set(top.code, g);
  }
  return {
    missIds: rows.map((r) => r.id),
    examples,
    guesses: [...guesses.values()].sort((a, b) => b.count - a.count || b.score - a.score).slice(0, GUESSES),
    chosen: [...chosen].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count),
    kinds,
    followers: rows.reduce((n, r) => n + (followers.get(r.id) ?? 0), 0),
    firstAt: rows[0]?.createdAt as Date,
    lastAt: rows.at(-1)?.createdAt as Date,
  };
}
