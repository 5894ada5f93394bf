/**
 * The shapes of personal numbers and addresses in Vietnamese text (phones, CCCD/CMND, e-mails,
 * licence plates), with the boundaries that keep amounts, dates, legal references, postal
 * tracking codes and HS codes readable.
 */

import { redactionWords } from "./redact-words.js";

export { EMAIL, ID_NUMBER, LANDLINE, PHONE } from "../lib/personal-numbers.js";

/**
 * A 12-digit CCCD written in groups ("0380 9000 1234", "038.090.001.234", "038-090-001-234",
 * "07 9085 001234"); it starts with 0, amounts never do. Not a part of a longer code ("…-0133-7699-9662-a70b…").
 */
export const GROUPED_ID =
  /(?<![\p{L}\p{N}]|\p{N}[.,]|[\p{L}\p{N}]-)0\d{1,3}(?:[ .-]\d{2,6}){1,4}(?![\p{L}\p{N}]|[.,]\p{N}|-[\p{L}\p{N}])/gu;

/** Names of identity papers (assets/redaction-words.tsv), longest first, either case of the first letter. */
const PAPERS = redactionWords("id-paper")
  .sort((a, b) => b.length - a.length)
  .map((w) => `[${w[0]}${w[0]?.toUpperCase()}]${w.slice(1).replace(/ +/g, "\\s+")}`)
  .join("|");
/** A number partly hidden by its writer: "... 1234", "******5678", "0380xxxx4321". */
const MASKED = String.raw`(?:\d[\d .-]*)?(?:[xX*•_]{2,}|\.{2,}|…)[ \t]*[\dxX*•_. -]*\d`;

/** A number written after the name of an identity paper (CMND, CCCD, căn cước, hộ chiếu …), also masked. */
export const NAMED_ID = new RegExp(
  String.raw`(?<![\p{L}])((?:${PAPERS})(?:\s+(?:số|là|:))*\s*:?\s*)([A-Z]?\d[\d .-]{5,24}\d|${MASKED})(?![\p{L}\p{N}])`,
  "gu",
);

/** Words before the last digits of an ID number (assets/redaction-words.tsv). */
const TAIL_WORDS = redactionWords("id-tail")
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ +/g, "\\s+"))
  .join("|");
/** The last digits of an ID number: "4 số cuối CCCD là 1234", "số cuối: 1234", "CCCD đuôi 5678". */
export const ID_TAIL = new RegExp(
  String.raw`(?<![\p{L}])((?:${TAIL_WORDS})(?:[\s():,-]+(?:của tôi|của|là|${PAPERS}))*[\s():,-]*)(\d{3,6})(?![\p{L}\p{N}]|[.,/]\p{N})`,
  "giu",
);

/**
 * Licence plates: 29A-123.45, 51F1 234.56, 30E-12345, 59-X1 123.45, 38a-12345, and the old four
 * digits 37C-6751; a lower-case series letter only when it touches the digits.
 */
export const PLATE =
  /(?<![\p{L}\p{N}])\d{2}(?:[\s-]?[A-Z]{1,2}\d?|-?[a-z]\d?)[\s.-]?(?:\d{3}\.?\d{2}|\d{4})(?![\p{L}\p{N}]|[.,]\p{N})/gu;

/** Whether a match of GROUPED_ID really holds the twelve digits of a CCCD. */
export function isGroupedCccd(match: string): boolean {
  return match.replace(/\D/g, "").length === 12;
}

/** Capitalised place words of an address ("Trần Phú", "Tân Giang"), on one line. */
const PLACE_WORDS = String.raw`\p{Lu}[\p{Ll}\p{M}]*(?:[ \t]+\p{Lu}[\p{Ll}\p{M}]*){0,3}`;
/** A household: a house number and its street or lane, or a hamlet, group or quarter by number or name. */
const HOUSEHOLD = String.raw`(?:(?:[Ss]ố nhà|[Ss]ố)[ \t]+)?\d+[A-Za-z]?(?:\/\d+)*,?[ \t]+(?:(?:đường|phố|ngõ|hẻm|kiệt|ngách)[ \t]+)?${PLACE_WORDS}|(?:[Tt]hôn|[Xx]óm|[Ấấ]p|[Bb]ản|[Tt]ổ dân phố|[Tt]ổ|[Kk]hối|[Kk]hu phố|thon|xom)[ \t]+(?:\d+[A-Za-z]?|${PLACE_WORDS})`;
/** What may follow a household: its ward, commune, district, city or province. */
const LEVELS = String.raw`(?:[,;]?[ \t]*(?:(?:phường|xã|thị trấn|quận|huyện|thị xã|thành phố|tỉnh|TP\.?|[PXQ]\.)[ \t]*)?${PLACE_WORDS}){0,4}`;

/**
 * Someone's home: a household address right after the words that say where a person lives
 * ("nhà tôi ở", "trú tại", "địa chỉ:", or "ở" after a redacted name). The place of a problem
 * ("ngập ở thôn 5") is kept.
 */
export const RESIDENCE = new RegExp(
  String.raw`((?:[Nn]hà (?:tôi|em|mình|cháu|ông|bà|anh|chị)[ \t]+ở|[Tt]rú (?:tại|ở)|[Tt]hường trú(?: tại)?|[Tt]ạm trú(?: tại)?|[Cc]ư trú(?: tại)?|[Nn]gụ (?:tại|ở)|[Ss]ống (?:tại|ở)|[Đđ]ịa chỉ(?: nhà)?[ \t]*:?|\][ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?(?:ở|o|tại))[ \t]+)(${HOUSEHOLD})(${LEVELS})`,
  "gu",
);
