import { foldLower } from "../knowledge/normalize.js";
import { redactionWords } from "./redact-words.js";

/**
 * The sender's own details wherever they appear in their text, matched on a folded copy (no case,
 * no diacritics) so "Nguyen Van Binh" and "NGUYỄN VĂN BÌNH" are found like "Nguyễn Văn Bình".
 */

/** The folded text, one UTF-16 unit for one, so offsets found in it hold in the original. */
export function foldAligned(text: string): string {
  const whole = foldLower(text);
  if (whole.length === text.length) return whole;
  let out = "";
  for (const ch of text) {
    const f = foldLower(ch);
    out += f.length === ch.length ? f : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out;
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** What may stand between the words of a name or an address: spaces, commas, dots, dashes. */
const SEP = String.raw`[\s,.;:/–-]+`;

/**
 * Replaces every match of a folded pattern source, found on the folded text, in the original
 * text; `accept` may refuse a match by looking at the original words, and group 1, when
 * `keepLead` is set, is kept (a title before a name).
 */
export function replaceFolded(
  text: string,
  source: string,
  by: string,
  options: {
    keepLead?: boolean;
    /**
     * Whether to replace a match, given the matched text, its kept lead, the 4 characters after
     * it and the 160 before it.
     */
    accept?: (replaced: string, lead: string, after: string, before: string) => boolean;
  } = {},
): string {
  const folded = foldAligned(text);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, "gu");
  let out = "";
  let last = 0;
  for (const m of folded.matchAll(pattern)) {
    const start = m.index ?? 0;
    const at = start + (options.keepLead ? (m[1]?.length ?? 0) : 0);
    const end = start + m[0].length;
    if (
      options.accept &&
      !options.accept(
        text.slice(at, end),
        text.slice(start, at),
        text.slice(end, end + 4),
        text.slice(Math.max(0, start - 160), start),
      )
    )
      continue;
    out += text.slice(last, at) + by;
    last = end;
  }
  return out + text.slice(last);
}

/**
 * Whether words found by their folded form are the name's words: a word written with diacritics
 * must have the name's diacritics ("phục" is not "Phúc"); one written without may be any.
 */
function sameAccents(original: string, name: string): boolean {
  const lower = (w: string) => w.normalize("NFC").toLowerCase();
  const nameWords = new Set(name.split(/\s+/).map(lower));
  return original
    .split(/[\s,.;:/–-]+/)
    .filter(Boolean)
    .every((w) => foldLower(w) === lower(w) || nameWords.has(lower(w)));
}

const wordsSource = (phrase: string) =>
  foldLower(phrase)
    .split(/[\s,.;:/–-]+/)
    .filter(Boolean)
    .map(escapeRe)
    .join(SEP);

/**
 * The sender's name: in full, family name with given name ("Nguyễn Bình"), middle with given
 * name ("Văn Bình"), and the given name alone after a title or an introduction ("anh Bình",
 * "em là Bình").
 */
export function redactSenderName(text: string, name: string | null | undefined, by: string): string {
  const words = foldLower(name ?? "")
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0 || !name) return text;
  const given = words.at(-1) as string;
  const phrases = [words.join(" ")];
  if (words.length >= 3) phrases.push(`${words[0]} ${given}`, words.slice(1).join(" "));
  const accept = (original: string) => sameAccents(original, name);
  let out = text;
  for (const p of phrases) out = replaceFolded(out, wordsSource(p), by, { accept });
  // The given name alone after a title or an introduction, the title as written ("có" is not "cô").
  const leadSource = "(?:ong|ba|anh|chi|em|co|chu|bac|chau|toi la|em la|minh la|ten la)";
  return replaceFolded(out, `(${leadSource}\\s+)${escapeRe(given)}`, by, {
    keepLead: true,
    accept: (replaced, lead) => LEADS.has(lead.trim().toLowerCase().replace(/\s+/g, " ")) && accept(replaced),
  });
}

/** Titles and introductions before a given name, with their diacritics, or typed plain where that is unambiguous. */
const LEADS = new Set([
  ..."ông bà anh chị em cô chú bác cháu ong".split(" "),
  ..."tôi là|em là|mình là|tên là|toi la|em la|minh la|ten la".split("|"),
]);

/** Administrative levels of an address and their short forms, folded. */
const LEVELS: [string, string][] = [
  ["thanh pho", "tp"],
  ["thi tran", "tt"],
  ["thi xa", "tx"],
  ["phuong", "p"],
  ["huyen", "h"],
  ["quan", "q"],
  ["tinh", "t"],
  ["xa", "x"],
];
/** Parts of an address that point at a household: a number, or a hamlet, lane or group. */
const HOUSEHOLD = /\d|^(?:thon|xom|ap|ban|buon|lang|to|khoi|khu pho|to dan pho|so nha|ngo|hem|kiet|ngach)\b/;
/** Parts many households share (a hamlet, a residential group, a lane): also where problems are. */
const SHARED = /^(?:thon|xom|ap|ban|buon|lang|to dan pho|to|khoi|khu pho|ngo|hem|kiet|ngach)\b/;
/** Words around a house number that people write or leave out: "số", "nhà", "đường", "phố". */
const FILLER = "(?:(?:so|nha|duong|pho|d)[\\s.]+)*";
const FILLER_WORDS = new Set(["so", "nha", "duong", "pho", "d"]);

/** Splits an address into its parts (at commas, or before each administrative level). */
export function addressParts(address: string): string[] {
  const folded = foldLower(address);
  const byComma = folded.split(/\s*[,;]\s*|\s+-\s+/).filter(Boolean);
  if (byComma.length > 1) return byComma;
  const levels = LEVELS.map(([l]) => l).join("|");
  return folded.split(new RegExp(`\\s+(?=(?:${levels})\\s)`)).filter(Boolean);
}

function partSource(part: string): string {
  for (const [level, short] of LEVELS) {
    if (part.startsWith(`${level} `)) {
      const rest = wordsSource(part.slice(level.length + 1));
      return `(?:(?:${level.split(" ").join("\\s+")}|${short}\\.?)\\s*)?${rest}`;
    }
  }
  if (!/\d/.test(part)) return wordsSource(part);
  const core = part.replace(/^(?:(?:so|nha)\s+)+/, "");
  const tokens = core.split(/[\s,.;:/–-]+/).filter((t) => t && !["duong", "pho"].includes(t));
  return FILLER + tokens.map(escapeRe).join(`${SEP}${FILLER}`);
}

/** Whether a house-number part names its street too ("12 lê lợi", not "số 12" alone). */
const namesStreet = (part: string) =>
  part.split(/[\s,.;:/–-]+/).some((t) => t && !FILLER_WORDS.has(t) && !/^\d+[a-z]?$/.test(t));

/**
 * A list of reviewed words (assets/redaction-words.tsv) as one alternation, longest first, each
 * with its diacritics and typed plain: "cô" or "co" matches, "có" does not.
 */
const spellings = (list: "home-lead" | "home-person" | "home-verb" | "home-intro" | "home-household") =>
  [...new Set(redactionWords(list).flatMap((w) => [w.toLowerCase(), foldLower(w)]))]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRe(w).replace(/ +/g, "\\s+"))
    .join("|");
const PERSON = spellings("home-person");
const VERB = spellings("home-verb");
/**
 * The end of the text before an address that says it is where a person lives: "trú tại",
 * "địa chỉ:", "nhà tôi ở", "nhà em", a hidden name or phone, alone on its line, before a comma or bracket,
 * or followed by "ở" ("[đã ẩn tên] (…) ở"), or "ở" after a comma in a sentence where someone
 * introduces themselves ("Tôi tên …, 45 tuổi, ở thôn 3").
 */
const HOME_LEAD = new RegExp(
  `(?:(?<![\\p{L}\\p{N}])(?:${spellings("home-lead")})|(?<![\\p{L}\\p{N}])(?:${PERSON})(?:\\s+(?:${PERSON}))?\\s+(?:${VERB})|(?<![\\p{L}\\p{N}])(?:${spellings("home-household")})\\s+(?:${PERSON})|\\[đã ẩn [^\\]]+\\](?:\\s*\\([^()\\n]{0,40}\\))?[\\s,;:(–-]*(?:(?:${VERB})\\s)?|(?:^|[.!?\\n])[^\\S\\n]*(?:${PERSON})\\s+(?:${spellings("home-intro")})\\s[^.!?\\n]{0,100}[,;]\\s*(?:${VERB}))[\\s:,(]*$`,
  "iu",
);
/** A number that goes on as a date, an amount or a code ("08/12/2026", "12.000.000", "12/QĐ"). */
const IN_NUMBER_BEFORE = /(?:[\p{L}\p{N}][/.,:-]|\/)$/u;
const IN_NUMBER_AFTER = /^(?:\/|[.,:-][\p{N}])/u;

/**
 * The sender's address, removed as a whole phrase: from the part that points at their household
 * on through the parts that follow it in the text (ward, commune, province, with or without their
 * level words, abbreviated or not). A house number goes with its street or the next part ("số 12,
 * thôn 3"), never alone, so "12" in "08/12/2026" or "Quyết định số 12/QĐ-UBND" stays; a part many
 * households share ("thôn 3", "tổ dân phố 5") goes only where the text says someone lives there
 * ("trú tại thôn 3", "[đã ẩn tên] ở thôn 3"), so the place of the problem ("đường vào thôn 3")
 * stays. A ward or province alone stays: it is where many people live, and often where the problem is.
 */
export function redactSenderAddress(text: string, address: string | null | undefined, by: string): string {
  const parts = addressParts(address ?? "");
  let out = text;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (!HOUSEHOLD.test(part)) continue;
    let source = "";
    for (let j = parts.length - 1; j > i; j--)
      source = `(?:${SEP}${partSource(parts[j] as string)}${source})?`;
    const alone = new RegExp(`^(?:${partSource(part)})$`, "u");
    out = replaceFolded(out, `${partSource(part)}${source}`, by, {
      accept: (replaced, _lead, after, before) => {
        if (IN_NUMBER_BEFORE.test(before) || IN_NUMBER_AFTER.test(after)) return false;
        if (HOME_LEAD.test(before.normalize("NFC"))) return true;
        if (SHARED.test(part) || !/\d/.test(part)) return false;
        return namesStreet(part) || !alone.test(foldLower(replaced));
      },
    });
  }
  // An address without any household part (a village and its commune only) is replaced when
  // written in full where the text says someone lives there: elsewhere it names the office or
  // the place of the problem ("UBND xã Cẩm Bình, huyện Cẩm Xuyên").
  if (!parts.some((p) => HOUSEHOLD.test(p)) && parts.length > 1)
    out = replaceFolded(out, parts.map(partSource).join(SEP), by, {
      accept: (_replaced, _lead, _after, before) => HOME_LEAD.test(before.normalize("NFC")),
    });
  return out;
}

/** The sender's phone number in any spelling: +84/84/(+84)/0, spaces, dots or dashes between digits. */
export function redactSenderPhone(text: string, phone: string | null | undefined, by: string): string {
  const digits = (phone ?? "").replace(/\D/g, "").replace(/^84/, "").replace(/^0/, "");
  if (digits.length < 8) return text;
  const body = [...digits].join("[\\s.-]?");
  return replaceFolded(text, `(?:(?:\\(\\+84\\)|\\+84|84)[\\s.-]?0?|0)?${body}`, by);
}
