import { cleanName, upperFirst } from "./clean-text.js";
import { truncateAtWord } from "./split-text.js";

/** A candidate to label: its name, and what else can tell it apart. */
export interface LabelCandidate {
  name: string;
  code: string;
  levels?: readonly string[];
}

/** Longest label that still fits on a phone button. */
export const MAX_LABEL_CHARS = 60;

/** Words after which a new phrase starts, so a shared prefix can be cut there ("… đối với | nhà ở"). */
const AFTER_BOUNDARY = new Set([
  "với",
  "cho",
  "tại",
  "ở",
  "của",
  "về",
  "trong",
  "thuộc",
  "trên",
  "từ",
  "và",
  "hoặc",
]);

/** Prepositions a label may start with ("ở địa phương", "tại cấp xã", "để chuyển đổi …"). */
const BEFORE_BOUNDARY = new Set(["cho", "tại", "ở", "trong", "thuộc", "trên", "từ", "để"]);

const key = (word: string) => word.toLocaleLowerCase("vi").replace(/[(),;:.]/gu, "");

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && key(a[n] ?? "") === key(b[n] ?? "")) n++;
  return n;
}

function commonSuffix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && key(a[a.length - 1 - n] ?? "") === key(b[b.length - 1 - n] ?? ""))
    n++;
  return n;
}

/** True when a phrase may start at word `p` (after a preposition or comma, at a preposition or bracket). */
function isPhraseStart(words: readonly string[], p: number): boolean {
  const prev = key(words[p - 1] ?? "");
  const next = key(words[p] ?? "");
  if (prev === "đối" && next === "với") return false;
  if (next === "đối" && key(words[p + 1] ?? "") === "với") return true;
  return (
    AFTER_BOUNDARY.has(prev) ||
    BEFORE_BOUNDARY.has(next) ||
    /[,;:]$/u.test(words[p - 1] ?? "") ||
    (words[p] ?? "").startsWith("(") ||
    /^[-–/]$/u.test(prev)
  );
}

/** The last phrase start at or before `limit`, or 0. */
function prefixCut(words: readonly string[], limit: number): number {
  for (let p = limit; p > 0; p--) if (isPhraseStart(words, p)) return p;
  return 0;
}

/** The first phrase start at or after `from`, or the end of the words. */
function suffixCut(words: readonly string[], from: number): number {
  for (let q = Math.max(1, from); q < words.length; q++) if (isPhraseStart(words, q)) return q;
  return words.length;
}

/** Removes brackets left unbalanced by cutting, and separators at either end. */
function tidyLabel(text: string): string {
  let t = text.trim();
  for (let changed = true; changed; ) {
    const before = t;
    t = t.replace(/^[\s,;:/\-–.]+|[\s,;:/\-–]+$/gu, "").replace(/^đối với\s+/iu, "");
    const opens = (t.match(/\(/gu) ?? []).length;
    const closes = (t.match(/\)/gu) ?? []).length;
    if (closes > opens) t = t.replace(/^([^(]*?)\)/u, "$1");
    if (opens > closes) t = t.replace(/\(([^(]*)$/u, "$1");
    changed = t !== before;
  }
  return upperFirst(t);
}

/** Removes bracketed asides, which make labels long without telling candidates apart. */
function withoutAsides(text: string): string {
  return text.replace(/\s*\([^()]*\)/gu, "").replace(/\s{2,}/gu, " ");
}

/** Strips the "Thủ tục" filler that starts many names. */
function shortName(name: string): string {
  return upperFirst(cleanName(name).replace(/^thủ tục\s+/iu, ""));
}

const fits = (label: string) => label !== "" && label.length <= MAX_LABEL_CHARS;

/** How many leading words candidate `i` shares with its closest neighbour. */
function closestPrefix(words: readonly string[][], i: number): number {
  const own = words[i] ?? [];
  let prefix = 0;
  words.forEach((other, j) => {
    if (j !== i) prefix = Math.max(prefix, commonPrefix(own, other));
  });
  return Math.min(prefix, own.length - 1);
}

/** A shared lead of at least this many words may be cut even where no phrase boundary is seen. */
const MIN_EXACT_CUT_WORDS = 3;

/**
 * Computes short, unique button labels that tell the candidates apart: the words all names share
 * are removed at a phrase boundary (e.g. "Cấp giấy phép xây dựng mới đối với" → "Nhà ở riêng lẻ", or
 * "… (thực hiện tại" → "Cấp xã"); a label still too long loses its bracketed asides, then starts at
 * the phrase where the name parts from its closest neighbour, then is cut at a word boundary;
 * duplicates get the level or the code.
 */
export function distinguishingLabels(candidates: readonly LabelCandidate[]): string[] {
  const names = candidates.map((c) => shortName(c.name));
  if (names.length <= 1) return names.map((n) => truncateAtWord(n, MAX_LABEL_CHARS));
  const words = names.map((n) => n.split(/\s+/u).filter(Boolean));
  const first = words[0] ?? [];
  const shared = words.reduce((n, w) => Math.min(n, commonPrefix(first, w)), first.length);
  const sharedTail = words.reduce((n, w) => Math.min(n, commonSuffix(first, w)), first.length);
  const labels = names.map((name, i) => {
    const own = words[i] ?? [];
    const start = prefixCut(own, shared);
    const end = suffixCut(own, own.length - sharedTail);
    const global = start < end ? tidyLabel(own.slice(start, end).join(" ")) : tidyLabel(name);
    if (fits(global)) return global;
    const short = tidyLabel(withoutAsides(global)) || global;
    if (fits(short)) return short;
    const closest = closestPrefix(words, i);
    const boundary = prefixCut(own, closest);
    const exact = shared >= MIN_EXACT_CUT_WORDS ? shared : -1;
    const starts = [boundary, exact, closest >= MIN_EXACT_CUT_WORDS ? closest : -1].filter(
      (from) => from > start,
    );
    const cores = starts.map((from) =>
      tidyLabel(withoutAsides(own.slice(from, Math.max(end, from + 1)).join(" "))),
    );
    const fitting = cores.find(fits);
    if (fitting) return fitting;
    return truncateAtWord(cores[0] || short, MAX_LABEL_CHARS);
  });
  return makeUnique(labels, candidates);
}

function makeUnique(labels: string[], candidates: readonly LabelCandidate[]): string[] {
  const lower = (s: string) => s.toLocaleLowerCase("vi");
  const isDuplicate = (list: string[], i: number) =>
    list.some((other, j) => j !== i && lower(other) === lower(list[i] ?? ""));
  const withSuffix = (base: string, suffix: string) =>
    `${truncateAtWord(base, MAX_LABEL_CHARS - suffix.length - 1)} ${suffix}`;

  let result = labels.map((label, i) => {
    if (!isDuplicate(labels, i)) return label;
    const levels = (candidates[i]?.levels ?? []).join(", ");
    return levels ? withSuffix(label, `(${levels})`) : label;
  });
  result = result.map((label, i) =>
    isDuplicate(result, i) ? withSuffix(labels[i] ?? label, `(mã ${candidates[i]?.code ?? i + 1})`) : label,
  );
  return result.map((label, i) => (isDuplicate(result, i) ? withSuffix(label, `#${i + 1}`) : label));
}
