/** Error codes with one meaning each; web/error-handler.ts maps them to HTTP statuses and messages. */
export type AppErrorCode =
  | "bad_request"
  | "invalid_json"
  | "invalid_utf8"
  | "unsupported_media_type"
  | "payload_too_large"
  | "not_found"
  | "conflict"
  | "unavailable";

/** An expected failure carrying a code and data, never a token or personal data. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

/**
 * Why a route could not reach a citizen: a channel's window closed (Zalo's 7 days, a web chat not
 * open), the chat blocked or gone, a channel that cannot push, or ZNS's own refusals.
 */
export type UnreachableReason =
  | "window_closed"
  | "blocked"
  | "no_push"
  | "zns_quota"
  | "zns_template"
  | "zns_not_on_zalo"
  | "zns_invalid_phone"
  | "zns_unavailable"
  | "zns_refused"
  | "zns_off"
  | "zns_no_template";

/**
 * Thrown by a push when the recipient cannot be reached on that route now; the caller records the
 * reason and tries the next route, never the same one again.
 */
export class RecipientUnreachableError extends Error {
  constructor(
    readonly reason: UnreachableReason,
    /** The provider's error code, when it gave one. */
    readonly providerCode?: number,
  ) {
    super(`recipient unreachable: ${reason}${providerCode === undefined ? "" : ` (${providerCode})`}`);
    this.name = "RecipientUnreachableError";
  }
}
