import type { PiiKind, PiiSpan } from "./redaction-gold.js";

/** A text with the spans that must disappear and spans that do not count either way. */
export interface GoldText {
  id: string;
  text: string;
  pii: PiiSpan[];
  /** Already anonymised or ambiguous spans ("ông C"): neither a leak nor an over-redaction. */
  ignore?: { start: number; end: number }[];
}

/** What redaction did to one text, span by span and word by word. */
export interface TextScore {
  id: string;
  leaks: PiiSpan[];
  found: PiiSpan[];
  /** Words that were not personal data but were removed. */
  overRemoved: string[];
  ordinaryWords: number;
}

interface Token {
  w: string;
  start: number;
  end: number;
  word: boolean;
}

/** Stands in the redacted text for a placeholder, so its words never align with the original's. */
const PLACEHOLDER = "\uE000";

/** Words, and punctuation marks one by one (they pin down where a placeholder ends). */
function tokens(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{M}\p{N}]+|\uE000|[^\s\p{L}\p{M}\p{N}]/gu)].map((m) => ({
    w: m[0].toLowerCase(),
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    word: /[\p{L}\p{N}]/u.test(m[0]),
  }));
}

/**
 * Which words of the original survive in the redacted text. Redaction keeps everything but the
 * spans it replaces with placeholders, so the redacted text is the original with some runs of
 * tokens (words and punctuation) each replaced by one placeholder: the alignment is found exactly
 * (each placeholder stands for one or more original tokens, everything else matches in order,
 * the shortest placeholder first). If redaction altered text some other way, surviving words are
 * matched greedily instead.
 */
export function keptWords(original: string, redacted: string): { words: Token[]; kept: boolean[] } {
  const all = tokens(original.normalize("NFC"));
  const out = tokens(redacted.normalize("NFC").replace(/(?:\[đã ẩn [^\]]*\][\s,]*)+/g, ` ${PLACEHOLDER} `));
  const keptAll = all.map(() => false);
  const memo = new Map<number, boolean>();
  const n = all.length;
  const match = (k: number, j: number): boolean => {
    if (k === out.length) return j === n;
    const key = k * (n + 1) + j;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let ok = false;
    if ((out[k] as Token).w === PLACEHOLDER) {
      const next = out[k + 1];
      for (let e = j + 1; e <= n && !ok; e++) {
        if (next && next.w !== PLACEHOLDER && all[e]?.w !== next.w) continue;
        ok = match(k + 1, e);
      }
    } else ok = j < n && all[j]?.w === (out[k] as Token).w && match(k + 1, j + 1);
    memo.set(key, ok);
    return ok;
  };
  if (out.length <= 4000 && match(0, 0)) {
    let j = 0;
    for (let k = 0; k < out.length; k++) {
      if ((out[k] as Token).w === PLACEHOLDER) {
        let e = j + 1;
        while (!match(k + 1, e)) e++;
        j = e;
      } else {
        keptAll[j] = true;
        j++;
      }
    }
  } else {
    let i = 0;
    for (const t of out) {
      if (t.w === PLACEHOLDER) continue;
      let j = i;
      while (j < n && j - i < 400 && all[j]?.w !== t.w) j++;
      if (all[j]?.w === t.w) {
        keptAll[j] = true;
        i = j + 1;
      }
    }
  }
  const words = all.filter((t) => t.word);
  const kept = all.flatMap((t, i) => (t.word ? [keptAll[i] as boolean] : []));
  return { words, kept };
}

const overlaps = (t: { start: number; end: number }, s: { start: number; end: number }) =>
  t.start < s.end && s.start < t.end;

/** Scores one redacted text against its gold spans. */
export function scoreText(gold: GoldText, redacted: string): TextScore {
  const { words, kept } = keptWords(gold.text, redacted);
  const leaks: PiiSpan[] = [];
  const found: PiiSpan[] = [];
  for (const span of gold.pii) {
    const leaked = words.some((w, k) => kept[k] && overlaps(w, span));
    (leaked ? leaks : found).push(span);
  }
  const overRemoved: string[] = [];
  let ordinaryWords = 0;
  words.forEach((w, k) => {
    if (gold.pii.some((s) => overlaps(w, s)) || gold.ignore?.some((s) => overlaps(w, s))) return;
    ordinaryWords++;
    if (!kept[k]) overRemoved.push(gold.text.slice(w.start, w.end));
  });
  return { id: gold.id, leaks, found, overRemoved, ordinaryWords };
}

/** Recall per kind and over-redaction over many texts, with examples of each failure. */
export function summarize(scores: TextScore[], examples = 12) {
  const byKind: Partial<Record<PiiKind, { items: number; removed: number; leaked: number; recall: number }>> =
    {};
  for (const s of scores) {
    for (const [list, removed] of [
      [s.found, true],
      [s.leaks, false],
    ] as const) {
      for (const span of list) {
        const k = byKind[span.kind] ?? { items: 0, removed: 0, leaked: 0, recall: 0 };
        k.items++;
        if (removed) k.removed++;
        else k.leaked++;
        byKind[span.kind] = k;
      }
    }
  }
  let items = 0;
  let removed = 0;
  for (const k of Object.values(byKind)) {
    k.recall = round(k.removed / Math.max(1, k.items));
    items += k.items;
    removed += k.removed;
  }
  const ordinary = scores.reduce((n, s) => n + s.ordinaryWords, 0);
  const over = scores.reduce((n, s) => n + s.overRemoved.length, 0);
  const overTexts = scores.filter((s) => s.overRemoved.length > 0);
  return {
    texts: scores.length,
    piiItems: items,
    recall: round(removed / Math.max(1, items)),
    byKind,
    textsFullyClean: scores.filter((s) => s.leaks.length === 0).length,
    overRedaction: {
      ordinaryWords: ordinary,
      removedOrdinaryWords: over,
      rate: round(over / Math.max(1, ordinary), 5),
      textsAffected: overTexts.length,
      examples: overTexts
        .slice(0, examples)
        .map((s) => ({ id: s.id, removed: s.overRemoved.join(" ").slice(0, 120) })),
    },
    leakExamples: scores
      .flatMap((s) => s.leaks.map((l) => ({ id: s.id, kind: l.kind, text: l.text })))
      .slice(0, examples),
  };
}

function round(x: number, digits = 4): number {
  return Number(x.toFixed(digits));
}
