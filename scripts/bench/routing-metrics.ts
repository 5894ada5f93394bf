import type { PaknRouting } from "../../feedback/routing/classify-pakn.js";

/** One routed example: the gold agency and what the router said. */
export interface RoutedExample {
  id: string;
  gold: string;
  routing: PaknRouting;
  placeholder: boolean;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Top-1/top-3 accuracy, accuracy of what was not triaged, triage rate and per-source counts. */
export function routingScores(rows: readonly RoutedExample[]) {
  const n = rows.length || 1;
  const top1 = rows.filter((r) => r.routing.agency === r.gold).length;
  const top3 = rows.filter(
    (r) => r.routing.candidates.slice(0, 3).some((c) => c.agency === r.gold) || r.routing.agency === r.gold,
  ).length;
  const kept = rows.filter((r) => !r.routing.triage);
  const bySource: Record<string, { n: number; correct: number }> = {};
  for (const r of rows) {
    const s = bySource[r.routing.source] ?? { n: 0, correct: 0 };
    bySource[r.routing.source] = s;
    s.n++;
    if (r.routing.agency === r.gold) s.correct++;
  }
  return {
    n: rows.length,
    top1: r3(top1 / n),
    top3: r3(top3 / n),
    accuracyNotTriaged: r3(kept.filter((r) => r.routing.agency === r.gold).length / (kept.length || 1)),
    triageRate: r3((rows.length - kept.length) / n),
    bySource,
  };
}

/** A deterministic shuffle (mulberry32), so folds are the same on every run. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
