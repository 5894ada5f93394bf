import { accentKey, foldTokens } from "../normalize.js";

/** Words of a trusted accented text with their folded forms (numbers and marks-free words kept). */
function wordsOf(text: string): { folded: string; key: string }[] {
  const raw =
    String(text)
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: { folded: string; key: string }[] = [];
  for (const w of raw) {
    const folded = foldTokens(w);
    if (folded.length !== 1) continue;
    out.push({ folded: folded[0] as string, key: accentKey(w) });
  }
  return out;
}

/**
 * Which accented reading an unaccented syllable has, judged by its neighbours: procedure names
 * say that "dinh" next to "chinh" is "đính" (đính chính), not "đình" (gia đình). Only folded
 * syllables the names spell with several diacritics are tracked; built once from the names.
 */
export class SyllableReadings {
  /** Folded syllables the names spell in more than one way. */
  private readonly ambiguous = new Set<string>();
  /** Folded name bigram → accent keys of its first and of its second syllable. */
  private readonly pairs = new Map<string, [Set<string>, Set<string>]>();

  constructor(names: readonly string[]) {
    const readings = new Map<string, Set<string>>();
    for (const name of names) {
      const words = wordsOf(name);
      words.forEach((w, i) => {
        const set = readings.get(w.folded) ?? new Set<string>();
        set.add(w.key);
        readings.set(w.folded, set);
        const next = words[i + 1];
        if (!next) return;
        const bigram = `${w.folded} ${next.folded}`;
        const pair = this.pairs.get(bigram) ?? [new Set<string>(), new Set<string>()];
        pair[0].add(w.key);
        pair[1].add(next.key);
        this.pairs.set(bigram, pair);
      });
    }
    for (const [folded, set] of readings) if (set.size > 1) this.ambiguous.add(folded);
  }

  /**
   * For an unaccented message's tokens: the readings its neighbours allow for each ambiguous
   * syllable that forms a name bigram with a neighbour (syllables without such a clue are absent).
   */
  inContext(tokens: readonly string[], skip?: readonly boolean[]): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    const put = (folded: string, keys: Set<string>) => {
      if (!this.ambiguous.has(folded)) return;
      const set = out.get(folded) ?? new Set<string>();
      for (const k of keys) set.add(k);
      out.set(folded, set);
    };
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (skip?.[i] || skip?.[i + 1]) continue;
      const pair = this.pairs.get(`${tokens[i]} ${tokens[i + 1]}`);
      if (!pair) continue;
      put(tokens[i] as string, pair[0]);
      put(tokens[i + 1] as string, pair[1]);
    }
    return out;
  }
}
