import Fuse from "fuse.js";
import MiniSearch from "minisearch";
import { foldLower } from "../../knowledge/normalize.js";
import type { Procedure } from "../../knowledge/procedure.js";

/** A system under comparison: ranked procedure codes for a question. */
export type Ranker = (q: string, limit: number) => string[];

/** Baseline: MiniSearch (BM25) over names and aliases with diacritics folded. */
export function miniSearchBaseline(procedures: Procedure[]): Ranker {
  const ms = new MiniSearch<{ id: number; name: string; aliases: string }>({
    fields: ["name", "aliases"],
    processTerm: (t) => foldLower(t),
  });
  ms.addAll(procedures.map((p, id) => ({ id, name: p.name, aliases: p.aliases.join(" ") })));
  return (q, limit) =>
    ms
      .search(q, { combineWith: "OR" })
      .slice(0, limit)
      .map((r) => (procedures[r.id as number] as Procedure).code);
}

/** Baseline: fuse.js fuzzy matching on folded names. */
export function fuseBaseline(procedures: Procedure[]): Ranker {
  const fuse = new Fuse(
    procedures.map((p, id) => ({ id, name: foldLower(p.name) })),
    { keys: ["name"], ignoreLocation: true, threshold: 0.6 },
  );
  return (q, limit) =>
    fuse.search(foldLower(q), { limit }).map((r) => (procedures[r.item.id] as Procedure).code);
}
