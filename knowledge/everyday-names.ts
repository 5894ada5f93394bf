import type { SearchIndex } from "./search-index.js";
import type { SynonymDictionary } from "./synonyms.js";

/**
 * The words citizens use for each procedure beside its official ones: the words of every
 * dictionary phrase whose official words the name holds ("bằng", "lái" of "bằng lái" for "Đổi
 * giấy phép lái xe"), so "bằng của tôi bị mất" after that answer is still about the same paper.
 */
export function everydayNameWords(
  index: SearchIndex,
  synonyms: SynonymDictionary,
): (doc: number) => ReadonlySet<string> {
  const cache = new Map<number, ReadonlySet<string>>();
  return (doc) => {
    const known = cache.get(doc);
    if (known) return known;
    const name = new Set(index.nameWords(doc));
    const words = new Set<string>();
    for (const rule of synonyms.rules)
      if (rule.expansion.every((w) => name.has(w))) for (const w of rule.phrase) words.add(w);
    cache.set(doc, words);
    return words;
  };
}
