/**
 * Vietnamese phone numbers as citizens type them: "0912 345 678", "+84 912.345.678",
 * "84-912-345-678", landlines "024 3825 1234". Mobile prefixes follow the 2018 renumbering
 * (03, 05, 07, 08, 09); landlines start with 02 and have 11 digits.
 */
const MOBILE = /^0[35789]\d{8}$/;
const LANDLINE = /^02\d{9}$/;

/** The number in its national form (0xxxxxxxxx), or undefined when it is not a Vietnamese phone. */
export function normalizeVnPhone(text: string): string | undefined {
  const compact = text.trim().replace(/[\s.\-()]/g, "");
  if (!/^\+?\d+$/.test(compact)) return undefined;
  let digits = compact.replace(/^\+/, "");
  if (digits.startsWith("84") && digits.length >= 11) digits = `0${digits.slice(2)}`;
  return MOBILE.test(digits) || LANDLINE.test(digits) ? digits : undefined;
}

/**
 * The number as ZNS wants it (84 and the mobile number without its 0), or undefined for a landline
 * or anything that is not a Vietnamese mobile number (no Zalo account behind it).
 */
export function toZnsPhone(text: string): string | undefined {
  const national = normalizeVnPhone(text);
  return national && MOBILE.test(national) ? `84${national.slice(1)}` : undefined;
}
