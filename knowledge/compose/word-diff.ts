/** A run of words `[start, end)` of one name that the other names do not share. */
export interface Span {
  start: number;
  end: number;
}

/** Index pairs `[i, j]` of a longest common subsequence of `a` and `b`, in order. */
export function lcsPairs(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const m = a.length;
  const n = b.length;
  const width = n + 1;
  const table = new Uint16Array((m + 1) * width);
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

/** How alike two word lists are: shared words over the shorter list's length, from 0 to 1. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  const shorter = Math.min(a.length, b.length);
  return shorter === 0 ? 0 : lcsPairs(a, b).length / shorter;
}

/** Names at least this alike are labelled against each other; the rest are labelled on their own. */
const CLUSTER_SIMILARITY = 0.5;

/** Groups word lists into clusters of alike names (single linkage), as lists of indexes. */
export function clusters(lists: readonly (readonly string[])[]): number[][] {
  const parent = lists.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  lists.forEach((a, i) => {
    lists.forEach((b, j) => {
      if (j <= i || root(i) === root(j)) return;
      const shared = lcsPairs(a, b).length;
      if (shared >= 2 && shared / Math.min(a.length, b.length) >= CLUSTER_SIMILARITY)
        parent[root(j)] = root(i);
    });
  });
  const groups = new Map<number, number[]>();
  lists.forEach((_, i) => {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  return [...groups.values()];
}

/** Word lists shorter than this between two differing runs are folded into one run. */
const MERGE_GAP_WORDS = 2;

/**
 * For each word list, the runs of words missing from the words all lists share (their common
 * subsequence); runs split by at most two shared words are merged into one.
 */
export function differingSpans(lists: readonly (readonly string[])[]): Span[][] {
  let common: readonly string[] = lists[0] ?? [];
  for (const list of lists.slice(1)) common = lcsPairs(common, list).map(([i]) => common[i] ?? "");
  return lists.map((list) => {
    const shared = new Set(lcsPairs(common, list).map(([, j]) => j));
    const spans: Span[] = [];
    for (let p = 0; p < list.length; p++) {
      if (shared.has(p)) continue;
      const last = spans[spans.length - 1];
      if (last && p - last.end <= MERGE_GAP_WORDS) last.end = p + 1;
      else spans.push({ start: p, end: p + 1 });
    }
    return spans;
  });
}
