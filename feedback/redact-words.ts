import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The reviewed word lists of the redaction for publication (assets/redaction-words.tsv). */
export const BUNDLED_REDACTION_WORDS_FILE = fileURLToPath(
  new URL("../assets/redaction-words.tsv", import.meta.url),
);

/** The lists the file may hold; any other name is a typo and stops the load. */
export const REDACTION_LISTS = [
  "digit",
  "email-at",
  "email-dot",
  "email-tld",
  "birth-lead",
  "birth-not-after",
  "id-paper",
  "id-tail",
  "honorific",
  "home-lead",
  "home-person",
  "home-verb",
  "home-intro",
  "home-household",
] as const;

/** The name of one list of redaction words. */
export type RedactionList = (typeof REDACTION_LISTS)[number];

/** One entry: a word or phrase (NFC) and its value where the list has one (a digit). */
export interface RedactionWord {
  word: string;
  value?: string;
}

/** The redaction word lists by name, each in file order. */
export type RedactionWords = Record<RedactionList, RedactionWord[]>;

/**
 * Parses "list<TAB>word<TAB>value" lines (# comments, blank lines skipped), so the language rules
 * can be reviewed and edited without touching code; an unknown list or a digit without its value
 * throws, naming the line.
 */
export function parseRedactionWords(content: string): RedactionWords {
  const out = Object.fromEntries(REDACTION_LISTS.map((l) => [l, []])) as unknown as RedactionWords;
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.trimStart().startsWith("#")) return;
    const [list, word, value] = line.split("\t").map((c) => c.trim().normalize("NFC"));
    if (!REDACTION_LISTS.includes(list as RedactionList) || !word)
      throw new Error(`redaction words line ${i + 1}: unknown list or empty word`);
    if (list === "digit" && !/^\d$/.test(value ?? ""))
      throw new Error(`redaction words line ${i + 1}: a digit word needs its digit`);
    out[list as RedactionList].push(value ? { word, value } : { word });
  });
  return out;
}

/** The bundled lists, read once when redaction is first loaded. */
export const REDACTION_WORDS: RedactionWords = parseRedactionWords(
  readFileSync(BUNDLED_REDACTION_WORDS_FILE, "utf8"),
);

/** The words of one bundled list. */
export function redactionWords(list: RedactionList): string[] {
  return REDACTION_WORDS[list].map((w) => w.word);
}
