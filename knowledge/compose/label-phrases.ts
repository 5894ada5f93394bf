import { cleanName, upperFirst } from "./clean-text.js";

/** One word of a name as written, with the key it is compared by (lower-case, no punctuation). */
export interface Token {
  text: string;
  key: string;
  /** True when the word follows the previous one without a space ("nghiệm/" "giám"). */
  glued?: boolean;
}

/** Words after which a new phrase starts ("… đối với | nhà ở", "… của | công trình"). */
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
  "sang",
  "bằng",
  "qua",
  "do",
  "đến",
]);

/** Prepositions that open a modifier phrase ("trong đô thị", "tại cấp xã", "cho trẻ em"). */
export const PREPOSITIONS = new Set(["cho", "tại", "ở", "trong", "thuộc", "trên", "từ", "để", "của", "về"]);

/** Words before which a new phrase starts. */
const BEFORE_BOUNDARY = new Set([
  ...PREPOSITIONS,
  ...["và", "hoặc", "nhưng", "khi", "trừ", "sang", "bằng", "qua", "do", "nhằm", "kèm", "đến"],
]);

/** Function words a label must not end with: they promise words that were cut. */
const END_DANGLING = new Set([
  ...AFTER_BOUNDARY,
  ...PREPOSITIONS,
  ...["đối", "theo", "hay", "để", "các", "những", "là", "có", "được", "bị", "khi", "nếu", "mà", "thì"],
  ...["do", "bởi", "vào", "đến", "tới", "sang", "qua", "nhưng", "cùng", "giữa", "trừ", "như", "việc"],
  ...["sự", "một", "mỗi", "mọi", "đã", "đang", "sẽ", "dưới", "chưa", "bằng", "nhằm", "gồm", "kể"],
]);

/** Function words a label must not start with: they lean on words that were cut. */
const START_DANGLING = new Set(["và", "hoặc", "hay", "của", "với", "nhưng", "mà", "thì", "là", "cùng"]);

/** Every function word, whether it dangles at the start or the end. */
const FUNCTION_WORDS = new Set([...END_DANGLING, ...START_DANGLING]);

/** Separators that stand as words of their own ("Việt Nam – Lào"). */
const SEPARATOR = /^[-–—/+&]+$/u;

/** Folds a word for comparison: lower-case, without surrounding punctuation. */
export function foldKey(word: string): string {
  const key = word
    .normalize("NFC")
    .toLocaleLowerCase("vi")
    .replace(/[()[\]{},;:.!?"'“”‘’…]/gu, "");
  return key || word;
}

/** Splits text into word tokens, keeping each word's punctuation in its text; "a/b" is two words. */
export function tokenize(text: string): Token[] {
  return text
    .split(/\s+/u)
    .filter(Boolean)
    .flatMap((word) =>
      word
        .split(/(?<=\/)(?=[^/])/u)
        .map((piece, i) => ({ text: piece, key: foldKey(piece), ...(i > 0 ? { glued: true } : {}) })),
    );
}

/** Joins tokens back into text. */
export const joinTokens = (tokens: readonly Token[]): string =>
  tokens.map((t, i) => (i > 0 && !t.glued ? ` ${t.text}` : t.text)).join("");

/** True when the token carries no words of its own (a dash, a slash, a bracket). */
export const isSeparator = (token: Token): boolean =>
  SEPARATOR.test(token.key) || !/[\p{L}\p{N}]/u.test(token.key);

/** True when every token is a function word or a separator, so it cannot tell candidates apart. */
export const onlyFunctionWords = (tokens: readonly Token[]): boolean =>
  tokens.every((t) => FUNCTION_WORDS.has(t.key) || isSeparator(t));

/** True when a phrase may start at token `p` (after a comma or preposition, at a preposition or bracket). */
export function isBoundary(tokens: readonly Token[], p: number): boolean {
  if (p <= 0 || p >= tokens.length) return true;
  const prev = tokens[p - 1] as Token;
  const cur = tokens[p] as Token;
  if (/[,;:)/]$/u.test(prev.text) || cur.text.startsWith("(")) return true;
  if (isSeparator(prev) || isSeparator(cur)) return true;
  if (prev.key === "đối" && cur.key === "với") return false;
  if (cur.key === "đối" && tokens[p + 1]?.key === "với") return true;
  return AFTER_BOUNDARY.has(prev.key) || BEFORE_BOUNDARY.has(cur.key);
}

/** The start of the phrase holding token `p`. */
export function phraseStart(tokens: readonly Token[], p: number): number {
  let s = p;
  while (s > 0 && !isBoundary(tokens, s)) s--;
  return s;
}

/** The end (exclusive) of the phrase that token `p - 1` belongs to. */
export function phraseEnd(tokens: readonly Token[], p: number): number {
  let e = Math.max(p, 1);
  while (e < tokens.length && !isBoundary(tokens, e)) e++;
  return Math.min(e, tokens.length);
}

/** Removes dangling function words and separators at both ends of a token run. */
function trimTokens(tokens: readonly Token[]): Token[] {
  let s = 0;
  let e = tokens.length;
  for (let changed = true; changed && s < e; ) {
    changed = false;
    const last = tokens[e - 1] as Token;
    const first = tokens[s] as Token;
    if (END_DANGLING.has(last.key) || isSeparator(last)) {
      e--;
      changed = true;
    } else if (START_DANGLING.has(first.key) || isSeparator(first)) {
      s++;
      changed = true;
    } else if (first.key === "đối" && tokens[s + 1]?.key === "với") {
      s += 2;
      changed = true;
    }
  }
  return tokens.slice(s, e);
}

/** Removes brackets that have no partner, one at a time from the inside out. */
function balanceBrackets(text: string): string {
  const chars = [...text];
  const open: number[] = [];
  const drop = new Set<number>();
  chars.forEach((c, i) => {
    if (c === "(") open.push(i);
    else if (c === ")") {
      if (open.length > 0) open.pop();
      else drop.add(i);
    }
  });
  for (const i of open) drop.add(i);
  return chars.filter((_, i) => !drop.has(i)).join("");
}

/**
 * Tidies a phrase for a label: no dangling function words or punctuation at either end, balanced
 * brackets, and a wrapping bracket pair unwrapped; casing is kept.
 */
export function tidyPhrase(text: string): string {
  let t = text;
  for (let round = 0; round < 6; round++) {
    const before = t;
    t = balanceBrackets(cleanName(t));
    if (/^\([^()]*\)$/u.test(t)) t = t.slice(1, -1);
    t = joinTokens(trimTokens(tokenize(t)))
      .replace(/^[\s,;:/\-–—.)+&]+/u, "")
      .replace(/[\s,;:/\-–—.(+&]+$/u, "");
    if (t === before) break;
  }
  return t;
}

/** A label fits on a phone button when it is non-empty and at most `max` characters. */
export const fitsIn = (label: string, max: number): boolean => label !== "" && label.length <= max;

/** Tidies a label and upper-cases its first letter. */
export const tidyLabel = (text: string): string => upperFirst(tidyPhrase(text));

/**
 * Shortens tokens to a tidy phrase of at most `max` characters, preferring to stop at the end of a
 * whole phrase (of at least `minPhrase` characters), then at a word, and only then inside a word.
 */
export function fitPhrase(tokens: readonly Token[], max: number, minPhrase = Math.floor(max * 0.4)): string {
  const whole = tidyPhrase(joinTokens(tokens));
  if (whole.length <= max) return whole;
  const minUseful = Math.floor(max * 0.4);
  for (let p = tokens.length - 1; p > 0; p--) {
    if (!isBoundary(tokens, p)) continue;
    const label = tidyPhrase(joinTokens(tokens.slice(0, p)));
    if (label.length <= max && label.length >= minPhrase && label.includes(" ")) return label;
  }
  for (let p = tokens.length - 1; p > 0; p--) {
    const label = tidyPhrase(joinTokens(tokens.slice(0, p)));
    if (label.length <= max && label.length >= minUseful) return label;
  }
  const cut = [...whole].slice(0, max).join("");
  return tidyPhrase(cut) || cut;
}
