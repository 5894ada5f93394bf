import { foldLower } from "../knowledge/normalize.js";
import { foldAligned } from "./redact-sender.js";
import { redactionWords } from "./redact-words.js";

/**
 * A person's date of birth: the date right after the words that say it is one ("sinh ngày
 * 12/3/1985", "sinh năm 1985", "ngày sinh: 12-03-1985", "SN 1985"), with or without diacritics.
 * A date with no such words (the date of an incident) stays, and so does "học sinh năm 2025",
 * "vệ sinh ngày …" or "trẻ sinh năm 2019" (words in assets/redaction-words.tsv).
 */

const lower = (s: string) => s.normalize("NFC").toLowerCase();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Leads that say little by themselves ("sinh", "SN", "DOB"): they want a full date or a four-digit year. */
const WEAK_LEADS = new Set(["sinh", "sn", "dob"]);
const LEAD_WORDS = redactionWords("birth-lead").map((l) =>
  foldLower(l).replace(/,/g, " ").split(/\s+/).join(" "),
);
/** Every lead holds one of these (kept by folding), so a text without any is passed over unfolded. */
const KEY = /sinh|sn|dob/i;
for (const lead of LEAD_WORDS)
  if (!KEY.test(lead)) throw new Error(`birth-lead "${lead}" must hold "sinh", "sn" or "dob"`);
const LEADS = [...new Set(LEAD_WORDS)]
  .sort((a, b) => b.length - a.length)
  .map((l) => l.split(" ").map(escapeRe).join("[\\s,]+"));
const NOT_AFTER = redactionWords("birth-not-after");
const NOT_AFTER_LOWER = new Set(NOT_AFTER.map(lower));
const NOT_AFTER_FOLDED = new Set(NOT_AFTER.map(foldLower));

const S = "[ \\t]*";
const SEP = `${S}[/.-]${S}`;
const DAY = "(?:0?[1-9]|[12]\\d|3[01])";
const MONTH = "(?:0?[1-9]|1[0-2])";
/** Dates as people write them, on folded text: 12/3/1985, 12 tháng 3 năm 1985, tháng 3/1985, 3/1985, 1985, 85. */
const DATE = [
  `${DAY}${SEP}${MONTH}${SEP}(?:\\d{4}|\\d{2})`,
  `(?:ngay[ \\t]+)?${DAY}[ \\t]+thang[ \\t]+${MONTH}(?:${S},?${S}nam[ \\t]+\\d{2,4})?`,
  `thang[ \\t]+${MONTH}(?:${S},?${S}nam[ \\t]+\\d{2,4}|${SEP}\\d{4})`,
  `${MONTH}${SEP}\\d{4}`,
  `(?:nam[ \\t]+)?(?:19|20)\\d{2}`,
  `\\d{2}`,
].join("|");

const BIRTH = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((${LEADS.join("|")})(?:${S}:)?(?:[ \t]+(?:la|vao))?(?:${S}:${S}|[ \t]+))(${DATE})(?![\p{L}\p{N}]|[/.,-]\p{N}|[/-]\p{L})`,
  "gu",
);

/** Whether the word before the lead makes it something else than a person's birth ("học sinh"). */
function notABirth(before: string): boolean {
  const word = /([\p{L}\p{M}]+)[ \t]*$/u.exec(before)?.[1];
  if (!word) return false;
  const typedPlain = foldLower(word) === lower(word);
  return typedPlain ? NOT_AFTER_FOLDED.has(foldLower(word)) : NOT_AFTER_LOWER.has(lower(word));
}

/** Replaces dates of birth with `by`, keeping the words before them. */
export function redactBirthDates(text: string, by: string): string {
  if (!KEY.test(text)) return text;
  const folded = foldAligned(text);
  let out = "";
  let last = 0;
  for (const m of folded.matchAll(BIRTH)) {
    const start = m.index ?? 0;
    const [whole, lead = "", leadWord = "", date = ""] = m;
    const at = start + lead.length;
    const weak = WEAK_LEADS.has(leadWord);
    if (weak && /^(?:\d{2}|\d{4})$/.test(date) && !/^(?:19|20)\d{2}$/.test(date)) continue;
    if (
      leadWord === "sn" &&
      /^[ \t]+(?:\p{Lu}|đường|phố|ngõ|hẻm|kiệt|ngách)/u.test(text.slice(at + date.length))
    )
      continue;
    if (notABirth(text.slice(Math.max(0, start - 30), start))) continue;
    out += text.slice(last, at) + by;
    last = start + whole.length;
  }
  return out + text.slice(last);
}
