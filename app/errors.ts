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
