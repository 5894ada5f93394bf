/**
 * The `k` candidates with the highest first-stage score (accumulated weight × prior), best first,
 * equal scores in candidate order — what a stable full sort would keep, without sorting every
 * touched document (a bounded heap: most of a query's CPU went into that sort).
 */
export function topByKey(
  candidates: readonly number[],
  k: number,
  acc: Float64Array,
  priors: ArrayLike<number>,
): number[] {
  const n = candidates.length;
  const key = (i: number) =>
    (acc[candidates[i] as number] as number) * (priors[candidates[i] as number] as number);
  // i ranks below j: a lower score, or the same score later in candidate order.
  const below = (i: number, j: number) => {
    const a = key(i);
    const b = key(j);
    return a < b || (a === b && i > j);
  };
  const heap: number[] = [];
  const swap = (x: number, y: number) => {
    const t = heap[x] as number;
    heap[x] = heap[y] as number;
    heap[y] = t;
  };
  const siftDown = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && below(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && below(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      let c = heap.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!below(heap[c] as number, heap[p] as number)) break;
        swap(c, p);
        c = p;
      }
    } else if (k > 0 && below(heap[0] as number, i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  heap.sort((i, j) => (below(i, j) ? 1 : below(j, i) ? -1 : 0));
  return heap.map((i) => candidates[i] as number);
}
