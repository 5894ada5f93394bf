import {
  fitPhrase,
  joinTokens,
  onlyFunctionWords,
  PREPOSITIONS,
  phraseEnd,
  phraseStart,
  type Token,
  tidyPhrase,
} from "./label-phrases.js";
import { differingSpans, type Span } from "./word-diff.js";

/** Joins the differing parts of one label ("Gia hạn – đường ngang"). */
export const PART_SEPARATOR = " – ";

/** Shared words this close to a differing run, inside its phrase, are kept to make it readable. */
const ABSORB_WORDS = 2;
/** A modifier phrase ("trong đô thị") takes along the phrase it modifies when that is this short. */
const MODIFIED_PHRASE_WORDS = 4;

/** Head words whose modifier may differ alone ("cấp | III", "giấy | phép"): the label keeps the head. */
const HEAD_WORDS = new Set([
  ...["cấp", "loại", "hạng", "nhóm", "số", "mức", "bậc", "lần", "khu", "vùng"],
  ...["giấy", "văn", "hộ", "thẻ", "quyền", "khai", "người", "nhà"],
]);

/** A modifier phrase this short ("trong đô thị") may take along the phrase it modifies. */
const SHORT_MODIFIER_WORDS = 3;

/** Widens a differing run to whole phrases: "không" → "công trình không theo tuyến". */
function widen(tokens: readonly Token[], span: Span): Span {
  let { start, end } = span;
  const head = phraseStart(tokens, start);
  const single = end - start === 1;
  if (start - head <= ABSORB_WORDS + (single ? 1 : 0)) start = head;
  else if (HEAD_WORDS.has(tokens[start - 1]?.key ?? "")) start--;
  else if (single) start -= 2;
  const tail = phraseEnd(tokens, end);
  if (tail - end <= ABSORB_WORDS) end = tail;
  if (start > 0 && end - start <= SHORT_MODIFIER_WORDS && PREPOSITIONS.has(tokens[start]?.key ?? "")) {
    const modified = phraseStart(tokens, start - 1);
    if (start - modified <= MODIFIED_PHRASE_WORDS) start = modified;
  }
  return { start, end };
}

/** Merges runs that overlap or touch, in order. */
function mergeSpans(spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** A label, whether it is made of whole phrases, and whether it had to be shortened. */
export interface DiffLabel {
  label: string;
  whole: boolean;
  cut: boolean;
}

/** A shortened part may stop after a phrase this short ("Luật sư"). */
const MIN_PART_PHRASE = 6;

/** Shares `max` characters between the parts, the short ones keeping their whole text. */
function fitParts(parts: readonly Token[][], max: number): string[] {
  const texts = parts.map((p) => tidyPhrase(joinTokens(p)));
  const joined = () => texts.filter(Boolean).join(PART_SEPARATOR);
  if (joined().length <= max) return texts;
  let room = max - PART_SEPARATOR.length * (parts.length - 1);
  const order = texts.map((t, i) => ({ i, len: t.length })).sort((a, b) => a.len - b.len);
  order.forEach(({ i, len }, k) => {
    const share = Math.floor(room / (order.length - k));
    if (len > share) texts[i] = fitPhrase(parts[i] ?? [], share, MIN_PART_PHRASE);
    room -= texts[i]?.length ?? 0;
  });
  return texts;
}

/**
 * The label of one name from its differing runs: each run widened to whole phrases, runs joined
 * with a dash, and shortened to `max` characters; empty when nothing differs.
 */
export function spanLabel(tokens: readonly Token[], spans: readonly Span[], max: number): DiffLabel {
  const meaningful = spans.filter((s) => !onlyFunctionWords(tokens.slice(s.start, s.end)));
  const useful = meaningful.length > 0 ? meaningful : spans;
  const widened = mergeSpans(useful.map((s) => widen(tokens, s)));
  const parts = widened.map((s) => tokens.slice(s.start, s.end));
  const label = fitParts(parts, max).filter(Boolean).join(PART_SEPARATOR);
  const uncut = parts.map((p) => tidyPhrase(joinTokens(p))).join(PART_SEPARATOR);
  const cut = label !== uncut;
  const whole =
    label !== "" &&
    !cut &&
    widened.every((s) => phraseStart(tokens, s.start) === s.start && phraseEnd(tokens, s.end) === s.end);
  return { label, whole, cut };
}

/** Labels alike names by what each adds to the words they all share; "" for a name that adds nothing. */
export function diffLabels(names: readonly (readonly Token[])[], max: number): DiffLabel[] {
  const spans = differingSpans(names.map((tokens) => tokens.map((t) => t.key)));
  return names.map((tokens, i) => spanLabel(tokens, spans[i] ?? [], max));
}
