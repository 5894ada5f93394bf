/** The portal's placeholder for an empty cell ("no information"). */
export const NO_INFO = "Không có thông tin";

/**
 * Normalizes portal text (NFC, no-break and zero-width spaces, CRLF) so that every parser sees one
 * spelling of each Vietnamese letter and plain spaces.
 */
export function normalizePortalText(value: unknown): string {
  if (typeof value !== "string") return "";
  return value
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/[\u200b-\u200d\ufeff]/g, "");
}

/** Normalized, trimmed text of a scalar cell; empty for the portal's "no information" placeholder. */
export function cellText(value: unknown): string {
  const t = normalizePortalText(value).trim();
  return isNoInfo(t) ? "" : t;
}

/** Whether a cell says nothing (empty, dashes, or "Không có thông tin"). */
export function isNoInfo(text: string): boolean {
  const t = text.trim().replace(/[.:]+$/, "");
  return t === "" || /^-+$/.test(t) || t.toLowerCase() === NO_INFO.toLowerCase();
}

/** Collapses runs of spaces and tabs inside a line and trims it. */
export function squeeze(text: string): string {
  return text
    .replace(/[ \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

const UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";
const LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";

/** Character class body of Vietnamese uppercase letters, for building regular expressions. */
export const UPPER_CLASS = UPPER;
/** Character class body of Vietnamese lowercase letters, for building regular expressions. */
export const LOWER_CLASS = LOWER;

const upperRe = new RegExp(`^[${UPPER}]`);
const lowerRe = new RegExp(`^[${LOWER}]`);

/** Whether the first character is a Vietnamese uppercase letter. */
export function startsUpper(text: string): boolean {
  return upperRe.test(text);
}

/** Whether the first character is a Vietnamese lowercase letter. */
export function startsLower(text: string): boolean {
  return lowerRe.test(text);
}
