/**
 * The shapes of personal numbers in Vietnamese text (phones, CCCD/CMND, e-mails), with the
 * boundaries that keep amounts, dates and codes readable: one definition for the PAKN redaction
 * (feedback/redact-patterns.ts) and the log scrubber (lib/log-text.ts), so both mask the same.
 */

/** E-mail addresses. */
export const EMAIL = /[\p{L}\p{N}_.%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;

/**
 * Vietnamese phone numbers with spaces, dots or dashes: 0 and nine or ten digits (09xx xxx xxx,
 * 028 3829 1234), or +84/84/(+84) and the number without its 0; a bare 84 must be followed by a
 * mobile or landline prefix, so 840.000.000.000 đồng stays. A number running on (more dotted
 * digits) is not a phone.
 */
export const PHONE =
  /(?<![\p{L}\p{N}]|\p{N}[.,])(?:(?:\(\+84\)|\+84)[\s.-]?0?[1-9]|84[235789]|0[1-9])(?:[\s.-]?\d){8,9}(?![\p{L}\p{N}]|[.,-]\p{N})/gu;

/** A landline with its area code in brackets: "(0239) 385 6789", "(028) 3829 1234". */
export const LANDLINE =
  /(?<![\p{L}\p{N}])\(0\d{2,3}\)[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?![\p{L}\p{N}]|[.,]\p{N})/gu;

/** CCCD (12 digits) and CMND (9 digits) written as one run, not inside a longer code. */
export const ID_NUMBER = /(?<![\p{L}\p{N}]|\p{N}[.,])(?:\d{12}|\d{9})(?![\p{L}\p{N}]|[.,]\p{N})/gu;
