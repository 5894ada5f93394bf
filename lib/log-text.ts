import { ID_NUMBER, LANDLINE, PHONE } from "./personal-numbers.js";

const BOT_TOKEN = /\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/g;
/** Drizzle's failed-query message lists the values after `params:`, up to the end of the message. */
const QUERY_PARAMS = /\nparams: [\s\S]*?(?=\n\s+at |\ncaused by: |$)/g;

/** Masks phone numbers, CMND/CCCD numbers and bot tokens inside free text before it is logged. */
export function scrubText(text: string): string {
  return text
    .replace(BOT_TOKEN, "[token]")
    .replace(PHONE, "[phone]")
    .replace(LANDLINE, "[phone]")
    .replace(ID_NUMBER, "[id]");
}

/**
 * Text bound for the log: a failed query's listed parameter values are dropped (its query text
 * stays), then phone, ID numbers and tokens are masked.
 */
export function scrubLogText(text: string): string {
  return scrubText(text.replace(QUERY_PARAMS, "\nparams: [redacted]"));
}
