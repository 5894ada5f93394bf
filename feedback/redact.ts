import { foldDiacritics } from "../knowledge/normalize.js";

/** What the sender gave, so it can be found in the text too (the public never sees any of it). */
export interface SenderIdentity {
  name?: string | null;
  address?: string | null;
  phone?: string | null;
}

/** Placeholders the public sees instead of personal data. */
export const REDACTED = {
  person: "[đã ẩn tên]",
  phone: "[đã ẩn số điện thoại]",
  idNumber: "[đã ẩn số giấy tờ]",
  email: "[đã ẩn email]",
  plate: "[đã ẩn biển số]",
  address: "[đã ẩn địa chỉ]",
} as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Vietnamese phone numbers, with spaces, dots or dashes: 09xx xxx xxx, +84 9xx…, 028 38xx xxxx. */
const PHONE = /(?<![\p{N}])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\p{N}])/gu;
/** CMND (9 digits) and CCCD (12 digits) numbers written as one run. */
const ID_NUMBER = /(?<!\p{N}|\p{N}[.,])(?:\d{12}|\d{9})(?!\p{N}|[.,]\p{N})/gu;
/** Licence plates: 29A-123.45, 51F1 234.56, 30E-12345, 59-X1 123.45. */
const PLATE = /(?<![\p{L}\p{N}])\d{2}[\s-]?[A-Z]{1,2}\d?[\s-]?\d{3}\.?\d{2}(?![\p{N}])/gu;
/** A title followed by a capitalised name: "Ông Hồ Quang Nhật", "bà Trúc", "anh Nguyễn Văn A". */
const TITLED_NAME =
  /(?<![\p{L}])((?:[ôÔ]ng|[bB]à|[aA]nh|[cC]hị|[cC]ô|[cC]hú|[bB]ác|[eE]m|[cC]háu)\s+)((?:\p{Lu}[\p{Ll}\p{M}]*)(?:\s+\p{Lu}[\p{Ll}\p{M}]*){0,4})/gu;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A pattern matching a phrase whatever its case and diacritics, with flexible spaces. */
function looseRegExp(phrase: string): RegExp | undefined {
  const words = phrase.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join("\\s+")}(?![\\p{L}\\p{N}])`, "giu");
}

function replaceLoose(text: string, phrase: string | null | undefined, by: string): string {
  if (!phrase?.trim()) return text;
  const folded = foldDiacritics(text.toLowerCase());
  const pattern = looseRegExp(foldDiacritics(phrase.toLowerCase()));
  if (!pattern) return text;
  // Match on the folded text (same length per character after NFC folding), replace in the original.
  let out = "";
  let last = 0;
  for (const m of folded.matchAll(pattern)) {
    const at = m.index ?? 0;
    out += text.slice(last, at) + by;
    last = at + m[0].length;
  }
  return out + text.slice(last);
}

/**
 * Removes personal data before anything is public: phone, CMND/CCCD and e-mail addresses, licence
 * plates, people named with a title ("ông Hồ Quang Nhật", later "ông Nhật") and the sender's own
 * name and address wherever they appear.
 */
export function redactForPublic(input: string, sender: SenderIdentity = {}): string {
  let text = input.normalize("NFC");
  text = replaceLoose(text, sender.address, REDACTED.address);
  text = replaceLoose(text, sender.name, REDACTED.person);
  // Given names of the sender alone ("anh Bình") are caught by the titled-name rule below.
  text = text.replace(EMAIL, REDACTED.email);
  text = text.replace(PLATE, REDACTED.plate);
  text = text.replace(PHONE, REDACTED.phone);
  text = text.replace(ID_NUMBER, REDACTED.idNumber);
  text = text.replace(TITLED_NAME, (_m, title: string) => `${title}${REDACTED.person}`);
  return text;
}
