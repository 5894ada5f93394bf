import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { detectFieldsInTokens } from "../fields-detect.js";
import { accentedTerms, foldDiacritics, prepareText } from "../normalize.js";
import type { Field } from "../procedure.js";
import type { SynonymDictionary } from "../synonyms.js";
import { type AskCues, bundledAskCues, cueCover } from "./ask-cues.js";
import { type AskSpan, findAsks } from "./ask-finder.js";
import { splitClauses } from "./clauses.js";
import { MARKERS } from "./variants.js";

/** The bundled filler words and their topical spellings (assets/filler-words.tsv). */
export const BUNDLED_FILLER_WORDS_FILE = fileURLToPath(
  new URL("../../assets/filler-words.tsv", import.meta.url),
);

/**
 * Parses the filler list ("filler<TAB>word word …", "spelled<TAB>word | word", # comments): folded
 * words that carry the question rather than its topic, and accented spellings of them that name a
 * topic after all.
 */
export function parseFillerWords(content: string): { filler: Set<string>; spelled: Set<string> } {
  const filler = new Set<string>();
  const spelled = new Set<string>();
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const [kind, words = ""] = line.split("\t").map((c) => c.trim());
    if (kind === "filler") for (const w of words.split(/\s+/).filter(Boolean)) filler.add(w);
    if (kind === "spelled")
      for (const w of words.split("|").map((x) => x.trim().normalize("NFC").toLowerCase()))
        if (w) spelled.add(w);
  }
  return { filler, spelled };
}

const { filler: FILLER, spelled: TOPICAL_SPELLINGS } = parseFillerWords(
  readFileSync(BUNDLED_FILLER_WORDS_FILE, "utf8"),
);

/** Folded fillers the message spells, with diacritics, as topical words (and never as the filler). */
function topicalFillers(text: string): Set<string> {
  const topical = new Set<string>();
  const plain = new Set<string>();
  for (const [word] of prepareText(text).matchAll(/[\p{L}]+/gu)) {
    const folded = foldDiacritics(word);
    if (!FILLER.has(folded)) continue;
    (TOPICAL_SPELLINGS.has(word) ? topical : plain).add(folded);
  }
  for (const f of plain) topical.delete(f);
  return topical;
}

/** A weighted search term: a folded syllable or a "a b" bigram. */
export interface QueryTerm {
  term: string;
  weight: number;
  /** Index of the coverage slot (one per topical word or dictionary phrase), -1 for none. */
  slot: number;
  /** True for official words a dictionary phrase added (they alone set the slot's mass). */
  expansion?: boolean;
}

/** Everything the ranking needs to know about a message. */
export interface AnalyzedQuery {
  tokens: string[];
  fields: Field[];
  terms: QueryTerm[];
  /** Number of coverage slots; slot weights are filled by the index from term idf. */
  slotCount: number;
  /** Tokens that carry the topic (not filler, not field phrases). */
  topicTokens: string[];
  /** Accent keys of the typed words by folded term, when the message is typed with diacritics. */
  accents?: Map<string, Set<string>>;
  /** Token spans that ask something (a long message's question, not its backstory). */
  asks?: AskSpan[];
  /** Per coverage slot: how much it counts (less for backstory words); absent when all count fully. */
  slotFocus?: number[];
}

const ASPECT_WEIGHT = 0.12;
const FILLER_WEIGHT = 0.3;
const EXPANSION_WEIGHT = 1;
const PHRASE_WEIGHT = 0.6;
const POSITION_DECAY = 0.15;

/** The single official words the dictionary added for the message's everyday phrases ("ngủ lại" → "lưu", "trú" …). */
export function expansionWords(query: AnalyzedQuery): string[] {
  return query.terms.filter((t) => t.expansion && !t.term.includes(" ")).map((t) => t.term);
}

/** True for words that phrase a question rather than name a topic. */
export function isFiller(token: string): boolean {
  return FILLER.has(token) || /^\d+$/.test(token);
}

/**
 * Analyses a message once for ranking: normalized tokens, asked fields, weighted unigram and
 * bigram terms (field phrases and filler discounted) and dictionary expansions, each typed topic
 * word or phrase being one coverage slot.
 */
export function analyzeQuery(
  text: string,
  synonyms: SynonymDictionary,
  vocabulary: ReadonlySet<string>,
  cues: AskCues = bundledAskCues(),
): AnalyzedQuery {
  const { tokens, clauses } = splitClauses({ cues, vocabulary }, text);
  const detected = detectFieldsInTokens(tokens);
  const { aspectTokens } = detected;
  const spelledTopical = topicalFillers(text);
  const filler = (t: string) => isFiller(t) && !spelledTopical.has(t);
  // Words that only phrase the request ("nộp hồ sơ", "làm thủ tục") weigh like filler words.
  const phrasing = cueCover(cues, "filler", tokens);
  const fillerAt = (i: number) => (phrasing[i] as boolean) || filler(tokens[i] as string);
  // A long message tells a story before it asks: the ask's words outweigh the backstory's.
  const reading = findAsks(
    { cues },
    { tokens, clauses, topical: tokens.map((_, i) => !aspectTokens[i] && !fillerAt(i)) },
  );
  // The backstory still says which variant is meant ("chồng tôi là người nước ngoài"): its
  // variant wording keeps its full weight.
  if (reading.focus) keepVariantWords(tokens, reading.focus, reading.coverage);
  const focus = reading.focus;
  const focusOf = (i: number) => (focus ? (focus[i] as number) : 1);
  const coverageOf = (i: number) => (reading.coverage ? (reading.coverage[i] as number) : 1);
  // The topic usually comes first; words added later (where, for whom) weigh a little less.
  const last = Math.max(tokens.length - 1, 1);
  const place = tokens.map((_, i) => (1 - POSITION_DECAY * (i / last)) * focusOf(i));
  const weights = tokens.map(
    (_, i): number =>
      (aspectTokens[i] ? ASPECT_WEIGHT : fillerAt(i) ? FILLER_WEIGHT : 1) *
      (aspectTokens[i] || fillerAt(i) ? focusOf(i) : (place[i] as number)),
  );
  const slotFocus: number[] = [];
  const slotOf = tokens.map(() => -1);
  /** Topical words outside dictionary phrases (full weight before the position discount). */
  const plain = tokens.map((_, i) => !aspectTokens[i] && !fillerAt(i));
  const byTerm = new Map<string, QueryTerm>();
  const add = (term: string, weight: number, slot: number, expansion = false) => {
    const prev = byTerm.get(term);
    if (!prev) byTerm.set(term, expansion ? { term, weight, slot, expansion } : { term, weight, slot });
    else if (weight > prev.weight) {
      prev.weight = weight;
      if (slot >= 0) prev.slot = slot;
      if (expansion) prev.expansion = true;
    } else if (expansion && slot === prev.slot) prev.expansion = true;
  };
  let slotCount = 0;
  // A phrase never runs across clauses: "bố mất, sổ đỏ đứng tên bố" holds no "mất sổ đỏ".
  const accents = accentedTerms(text);
  const matches = clauses.flatMap((c) =>
    synonyms.find(tokens.slice(c.start, c.end), accents).map((m) => ({ ...m, start: m.start + c.start })),
  );
  // Two phrases of one meaning ("chuyển đất vườn lên thổ cư") are one slot: their shared official
  // words cover both, and a second slot would stay uncovered by any name.
  const slotOfMeaning = new Map<string, number>();
  for (const m of matches) {
    let topical = false;
    for (let k = m.start; k < m.start + m.length; k++) if (!aspectTokens[k] && !phrasing[k]) topical = true;
    if (!topical) continue;
    const meaning = m.expansion.join(" ");
    const known = slotOfMeaning.get(meaning);
    const slot = known ?? slotCount++;
    slotOfMeaning.set(meaning, slot);
    slotFocus[slot] = Math.max(slotFocus[slot] ?? 0, coverageOf(m.start));
    // The dictionary says what the phrase means officially; its own words become weaker evidence.
    for (let k = m.start; k < m.start + m.length; k++) {
      slotOf[k] = slot;
      weights[k] = PHRASE_WEIGHT * focusOf(k);
      plain[k] = false;
    }
    // A long official phrase should not outweigh the short everyday phrase it replaces.
    const ew = Math.min(EXPANSION_WEIGHT, (m.length + 1.5) / m.expansion.length) * (place[m.start] as number);
    m.expansion.forEach((t, k) => {
      add(t, filler(t) ? Math.min(ew, FILLER_WEIGHT) : ew, slot, true);
      const next = m.expansion[k + 1];
      if (next !== undefined) add(`${t} ${next}`, ew, slot, true);
    });
  }
  const topicTokens: string[] = [];
  tokens.forEach((t, i) => {
    const w = weights[i] as number;
    const topical = (!aspectTokens[i] && !fillerAt(i)) || (slotOf[i] as number) >= 0;
    if (topical && slotOf[i] === -1) {
      slotOf[i] = slotCount++;
      slotFocus[slotOf[i] as number] = coverageOf(i);
    }
    if (topical) topicTokens.push(t);
    add(t, w, topical ? (slotOf[i] as number) : -1);
    const next = tokens[i + 1];
    if (next === undefined) return;
    const w2 = weights[i + 1] as number;
    const floor = FILLER_WEIGHT * Math.min(focusOf(i), focusOf(i + 1));
    const bw =
      aspectTokens[i] && aspectTokens[i + 1]
        ? ASPECT_WEIGHT * Math.min(focusOf(i), focusOf(i + 1))
        : Math.max(Math.min(w, w2), floor);
    const slot = topical ? (slotOf[i] as number) : -1;
    const strong = plain[i] || plain[i + 1];
    add(`${t} ${next}`, bw === floor && strong ? 0.8 * (place[i] as number) : bw, slot);
  });
  const terms = [...byTerm.values()];
  // What is asked is in the asks: "tốn tiền xăng" or "không gặp ai" in a story asks no fee or place.
  const fields = focus ? askedFields(detected.fields, tokens, reading.asks) : detected.fields;
  const query: AnalyzedQuery = { tokens, fields, terms, slotCount, topicTokens };
  if (accents) query.accents = accents;
  if (reading.asks.length > 0) query.asks = reading.asks;
  if (focus) query.slotFocus = slotFocus;
  return query;
}

/** Gives the words of variant markers ("nước ngoài", "cấp lại") full weight wherever they stand. */
function keepVariantWords(tokens: readonly string[], ...weights: Array<number[] | undefined>): void {
  for (const m of MARKERS) {
    const [first] = m.tokens;
    for (let i = 0; i + m.tokens.length <= tokens.length; i++) {
      if (tokens[i] !== first || !m.tokens.every((t, k) => tokens[i + k] === t)) continue;
      for (const w of weights) if (w) w.fill(1, i, i + m.tokens.length);
    }
  }
}

/** The detected fields that the asks themselves name (in the detected order). */
function askedFields(fields: Field[], tokens: readonly string[], asks: readonly AskSpan[]): Field[] {
  const asked = new Set<Field>();
  for (const a of asks)
    for (const f of detectFieldsInTokens(tokens.slice(a.start, a.end)).fields) asked.add(f);
  return fields.filter((f) => asked.has(f));
}
