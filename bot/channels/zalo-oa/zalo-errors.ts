import type { UnreachableReason } from "../../../lib/errors.js";

/** Zalo's answer codes for an access token that is invalid or expired: refresh and retry once. */
export const TOKEN_ERRORS: ReadonlySet<number> = new Set([
  -216, // Access token is invalid
  -220, // access_token is expired or removed
  -124, // "Access token invalid", answered by some OpenAPI endpoints
]);

/**
 * Codes that say this recipient cannot be reached now (outside the 7-day window, never interacted,
 * not following, blocked or inactive, restricted this message type, receiving limit): recorded,
 * never retried.
 */
export const RECIPIENT_ERRORS: ReadonlySet<number> = new Set([
  -230, // user has not interacted with the OA in the last 7 days
  -232, // user has not interacted, or the last interaction expired
  -213, // user has not followed the OA
  -227, // user banned or inactive for more than 45 days
  -244, // user restricted this message type from the OA
  -218, // out of quota for this user
]);

/** The recipient codes that mean only the 7-day window closed: a later message from them reopens it. */
export const WINDOW_ERRORS: ReadonlySet<number> = new Set([-230, -232]);

/**
 * ZNS's refusals that another try would not change, by what the console should say (Zalo's ZNS
 * error table): the phone, the person's Zalo account, the template, the quota.
 */
export const ZNS_REFUSALS: ReadonlyMap<number, UnreachableReason> = new Map([
  [-108, "zns_invalid_phone"], // phone number invalid
  [-118, "zns_not_on_zalo"], // Zalo account does not exist or is deactivated
  [-119, "zns_not_on_zalo"], // account cannot receive ZNS
  [-114, "zns_not_on_zalo"], // user inactive, refused ZNS, or an outdated Zalo app
  [-139, "zns_not_on_zalo"], // user refused this kind of ZNS
  [-109, "zns_template"], // template id invalid
  [-111, "zns_template"], // template data empty
  [-112, "zns_template"], // template data invalid
  [-117, "zns_template"], // OA or app may not use this template
  [-131, "zns_template"], // template not approved
  [-115, "zns_quota"], // out of quota (balance)
  [-144, "zns_quota"], // the OA's daily quota is used up
]);

/** Codes worth another try a moment later (rate limit). */
export const TRANSIENT_ERRORS: ReadonlySet<number> = new Set([-32]);

/** A non-zero `error` in a Zalo answer; carries the code and Zalo's message, never the token. */
export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`Zalo ${method} failed: ${code} ${description}`);
    this.name = "ZaloApiError";
  }

  /** True when the access token was refused. */
  get isTokenError(): boolean {
    return TOKEN_ERRORS.has(this.code);
  }

  /** True when the recipient cannot be reached for now (e.g. the 7-day window). */
  get isRecipientError(): boolean {
    return RECIPIENT_ERRORS.has(this.code);
  }

  /** True when a retry later may succeed. */
  get isTransient(): boolean {
    return TRANSIENT_ERRORS.has(this.code);
  }
}

/** Zalo could not be reached or answered with an HTTP error; worth another try. */
export class ZaloHttpError extends Error {
  constructor(
    readonly method: string,
    readonly status: number | null,
    cause?: unknown,
  ) {
    super(
      status === null
        ? `Zalo ${method}: network error${cause instanceof Error ? ` (${cause.name}: ${cause.message})` : ""}`
        : `Zalo ${method}: HTTP ${status}`,
    );
    this.name = "ZaloHttpError";
  }
}
