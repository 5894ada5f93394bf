import { readFileSync } from "node:fs";
import type { SenderIdentity } from "../../feedback/redact.js";
import type { PiiKind, PiiSpan } from "./redaction-gold.js";
import type { SyntheticCase } from "./redaction-synthetic.js";

/**
 * The hand-labelled sets of bench:redaction for the ways of quoting personal data that plain
 * patterns miss (scripts/bench/redaction-kinds.tsv): the sender's initials, a phone spelled in
 * words, an e-mail written around spam filters, a date of birth, the last digits of an ID number.
 * Each set holds texts with the data marked and look-alikes where nothing may go.
 */

/** The bundled labelled sets. */
export const REDACTION_KINDS_FILE = new URL("./redaction-kinds.tsv", import.meta.url).pathname;

/** What a marked value of each set is, unless the mark names its kind ("{{name:…}}"). */
const SET_KINDS: Record<string, PiiKind> = {
  initials: "name",
  "spelled-phone": "phone",
  "spelled-email": "email",
  "birth-date": "birth",
  "id-tail": "id",
};
const KINDS = new Set<string>(["name", "phone", "id", "email", "plate", "address", "birth"]);

/** One labelled text: its set, the sender the bot collected, and the marked spans. */
export interface KindCase extends SyntheticCase {
  /** Whether the text holds no personal data (a look-alike). */
  lookAlike: boolean;
}

function sender(column: string): SenderIdentity {
  if (column.trim() === "-" || !column.trim()) return {};
  const [name, phone, address] = column.split("|").map((c) => c.trim());
  return { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
}

/** Parses the labelled sets ("set<TAB>sender<TAB>text" with {{marks}}); a bad line throws, naming it. */
export function parseKindCases(content: string): KindCase[] {
  const out: KindCase[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith("#")) return;
    const [set = "", who = "", raw = ""] = line.split("\t");
    const setKind = SET_KINDS[set];
    if (!setKind || !raw) throw new Error(`redaction-kinds.tsv line ${i + 1}: unknown set or no text`);
    let text = "";
    const pii: PiiSpan[] = [];
    let last = 0;
    const source = raw.replace(/\\n/g, "\n").normalize("NFC");
    for (const m of source.matchAll(/\{\{(?:([a-z]+):)?(.+?)\}\}/gu)) {
      const kind = (m[1] ?? setKind) as PiiKind;
      if (!KINDS.has(kind)) throw new Error(`redaction-kinds.tsv line ${i + 1}: unknown kind ${kind}`);
      text += source.slice(last, m.index);
      const value = m[2] as string;
      pii.push({ kind, start: text.length, end: text.length + value.length, text: value });
      text += value;
      last = (m.index ?? 0) + m[0].length;
    }
    text += source.slice(last);
    out.push({
      id: `${set}-${i + 1}`,
      template: set,
      text,
      pii,
      sender: sender(who),
      lookAlike: pii.length === 0,
    });
  });
  return out;
}

/** The bundled labelled sets, grouped by set name in file order. */
export function kindSets(file = REDACTION_KINDS_FILE): Map<string, KindCase[]> {
  const sets = new Map<string, KindCase[]>();
  for (const c of parseKindCases(readFileSync(file, "utf8"))) {
    sets.set(c.template, [...(sets.get(c.template) ?? []), c]);
  }
  return sets;
}
