import { containsPhrase, REISSUES } from "./variants.js";

/**
 * For each procedure, the highest popularity among the procedures that re-issue, exchange or extend
 * its paper (0 when none does), so a first issuance the portal never counts online ("Cấp giấy phép
 * lái xe": an exam in person) is not ranked below its own renewal.
 */
export function reissuePopularity(
  names: readonly (readonly string[])[],
  popularity: readonly number[],
): number[] {
  const byName = new Map<string, number[]>();
  names.forEach((words, doc) => {
    const key = words.join(" ");
    byName.set(key, [...(byName.get(key) ?? []), doc]);
  });
  const out = names.map(() => 0);
  names.forEach((words, doc) => {
    const pop = popularity[doc] ?? 0;
    if (pop <= 0) return;
    for (const opening of REISSUES) {
      if (words.length <= opening.length || !containsPhrase(words.slice(0, opening.length), opening))
        continue;
      const rest = words.slice(opening.length);
      for (const base of [["cap", ...rest], rest, ["dang", "ky", ...rest]]) {
        for (const target of byName.get(base.join(" ")) ?? [])
          if (target !== doc) out[target] = Math.max(out[target] ?? 0, pop);
      }
    }
  });
  return out;
}
