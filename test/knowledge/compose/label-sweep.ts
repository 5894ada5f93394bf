import { foldKey } from "../../../knowledge/compose/label-phrases.js";
import type { Procedure } from "../../../knowledge/procedure.js";
import { seededRandom } from "../../../scripts/lib/seeded-random.js";

/** Words a button label must not end with: they promise words that were cut. */
export const DANGLING_END = new Set([
  "và",
  "của",
  "đối",
  "với",
  "cho",
  "tại",
  "về",
  "theo",
  "hoặc",
  "trong",
  "từ",
  "ở",
  "các",
  "những",
  "là",
  "để",
]);

const firstWords = (name: string, n: number) =>
  name
    .replace(/^thủ tục\s+/iu, "")
    .split(/\s+/u)
    .slice(0, n)
    .map(foldKey)
    .join(" ");

/**
 * Candidate sets of 2–5 procedures sharing their first three words (folded): every small group whole,
 * and `perGroup` random draws from each larger group.
 */
export function candidateSets(procedures: readonly Procedure[], perGroup: number, seed = 1): Procedure[][] {
  const groups = new Map<string, Procedure[]>();
  for (const p of procedures) {
    const key = firstWords(p.name, 3);
    if (key.split(" ").length < 3) continue;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const random = seededRandom(seed).next;
  const sets: Procedure[][] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    if (group.length <= 5) sets.push(group);
    if (group.length <= 2) continue;
    for (let k = 0; k < perGroup; k++) {
      const size = 2 + Math.floor(random() * Math.min(4, group.length - 1));
      const pool = [...group];
      const set: Procedure[] = [];
      while (set.length < size) set.push(...pool.splice(Math.floor(random() * pool.length), 1));
      sets.push(set);
    }
  }
  return sets;
}

/** What is wrong with a set of labels, as readable messages (empty when all is well). */
export function labelProblems(labels: readonly string[], max: number): string[] {
  const problems: string[] = [];
  if (new Set(labels.map((l) => l.toLocaleLowerCase("vi"))).size !== labels.length)
    problems.push("not unique");
  for (const label of labels) {
    const words = label.split(/\s+/u);
    const last = foldKey(words[words.length - 1] ?? "");
    if (label === "") problems.push("empty label");
    if (label.length > max) problems.push(`too long: ${label}`);
    if (DANGLING_END.has(last)) problems.push(`dangling word: ${label}`);
    if (/[,;:(\-–/.…]$/u.test(label)) problems.push(`ends with punctuation: ${label}`);
    if (/^\p{Ll}/u.test(label)) problems.push(`starts lower-case: ${label}`);
    if (/^[,;:)\-–/.]/u.test(label)) problems.push(`starts with punctuation: ${label}`);
  }
  return problems;
}
