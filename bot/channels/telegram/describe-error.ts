import { BotError, GrammyError, HttpError } from "grammy";
import { scrubText } from "../../../lib/log-text.js";

/**
 * A loggable description of an error from grammY or our handler. Never the error object itself:
 * grammY errors carry the request payload (citizens' texts) and the API client (the bot token).
 */
export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof BotError) return { ...describeError(err.error), updateId: err.ctx.update.update_id };
  if (err instanceof GrammyError)
    return { type: "GrammyError", method: err.method, code: err.error_code, description: err.description };
  // grammY builds this message from the method name and HTTP status only; the cause holds the URL.
  if (err instanceof HttpError) return { type: "HttpError", message: err.message };
  if (err instanceof Error)
    return { type: err.name, message: scrubText(err.message), stack: scrubText(err.stack ?? "") };
  return { type: typeof err };
}
