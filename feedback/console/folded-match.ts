import { type SQL, sql } from "drizzle-orm";
import { foldDiacritics } from "../../knowledge/normalize.js";

const BASE_VOWELS = "aăâeêioôơuưy";
const TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];

function buildTables(): { from: string; to: string } {
  let from = "";
  let to = "";
  const add = (ch: string) => {
    if (from.includes(ch)) return;
    from += ch;
    to += foldDiacritics(ch).toLowerCase();
  };
  for (const base of BASE_VOWELS) {
    for (const tone of TONES) {
      const lower = (base + tone).normalize("NFC");
      add(lower);
      add(lower.toUpperCase());
    }
  }
  add("đ");
  add("Đ");
  for (let c = 65; c <= 90; c++) add(String.fromCharCode(c));
  // Decomposed marks (text typed in NFD) have no counterpart, so translate() drops them.
  for (let c = 0x300; c <= 0x36f; c++) from += String.fromCharCode(c);
  return { from, to };
}

const TABLES = buildTables();

/** Folds a text column in SQL like `foldDiacritics` + lower case, on any database locale (no unaccent extension). */
export function foldedSql(expression: SQL): SQL {
  return sql`translate(${expression}, ${TABLES.from}, ${TABLES.to})`;
}

/** The search words of a query, folded (no diacritics, lower case), at most eight. */
export function foldedWords(query: string): string[] {
  return foldDiacritics(query.normalize("NFC").toLowerCase())
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 8);
}

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A condition true when every word of the query occurs in the folded text, whatever the diacritics
 * and case on either side ("duong ngap" finds "Đường … ngập"); undefined for an empty query.
 */
export function foldedContainsAll(expression: SQL, query: string): SQL | undefined {
  const words = foldedWords(query);
  if (words.length === 0) return undefined;
  const folded = foldedSql(expression);
  return sql.join(
    words.map((w) => sql`${folded} LIKE ${`%${escapeLike(w)}%`}`),
    sql` AND `,
  );
}
