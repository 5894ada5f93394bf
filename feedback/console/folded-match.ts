import { type SQL, sql } from "drizzle-orm";
import { foldDiacritics } from "../../knowledge/normalize.js";

const BASE_VOWELS = "aăâeêioôơuưy";
const TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];

/** Every spelling of each plain letter: its accented forms in both cases (a → aàá…ẶẴ, d → dđDĐ). */
function buildVariants(): Map<string, string> {
  const variants = new Map<string, Set<string>>();
  const add = (ch: string) => {
    const base = foldDiacritics(ch).toLowerCase();
    const set = variants.get(base) ?? new Set<string>();
    set.add(ch);
    variants.set(base, set);
  };
  for (const base of BASE_VOWELS) {
    for (const tone of TONES) {
      const lower = (base + tone).normalize("NFC");
      add(lower);
      add(lower.toUpperCase());
    }
  }
  for (const ch of "dđDĐ") add(ch);
  for (let c = 97; c <= 122; c++) {
    add(String.fromCharCode(c));
    add(String.fromCharCode(c - 32));
  }
  return new Map([...variants].map(([base, set]) => [base, [...set].join("")]));
}

const VARIANTS = buildVariants();
/** Combining marks a text typed in decomposed form (NFD) carries after a letter. */
const MARKS = "[\u0300-\u036f]*";

/** The search words of a query, folded (no diacritics, lower case), at most eight. */
export function foldedWords(query: string): string[] {
  return foldDiacritics(query.normalize("NFC").toLowerCase())
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 8);
}

/**
 * A PostgreSQL regular expression finding a folded word in any spelling: each letter stands for
 * all its accented and capital forms, so no per-row folding is needed (and no unaccent extension).
 */
export function wordPattern(word: string): string {
  let out = "";
  for (const ch of word) {
    const variants = VARIANTS.get(ch);
    if (variants) out += `[${variants}]${MARKS}`;
    else if (/[\p{L}\p{N}]/u.test(ch)) out += ch;
    else out += `\\${ch}`;
  }
  return out;
}

/**
 * A condition true when every word of the query occurs in the text, whatever the diacritics and
 * case on either side ("duong ngap" finds "Đường … ngập"); undefined for an empty query.
 */
export function foldedContainsAll(expression: SQL, query: string): SQL | undefined {
  const words = foldedWords(query);
  if (words.length === 0) return undefined;
  const patterns = words.map((w) => sql`${wordPattern(w)}`);
  return sql`${expression} ~ ALL (ARRAY[${sql.join(patterns, sql`, `)}]::text[])`;
}
