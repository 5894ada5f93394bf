import { GrammyError, HttpError } from "grammy";

/** Worth trying again: the network failed or Telegram had a server error (429s are auto-retry's). */
export function isTransient(err: unknown): boolean {
  return err instanceof HttpError || (err instanceof GrammyError && err.error_code >= 500);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call`, trying again after each of `delaysMs` while it fails transiently. The webhook is
 * answered before the turn runs, so Telegram will not redeliver: a reply that failed on a network
 * blip is retried here, piece by piece, inside the conversation lock (order kept, nothing resent).
 */
export async function retryTransient<T>(
  call: () => Promise<T>,
  delaysMs: readonly number[],
  onRetry?: (err: unknown, attempt: number) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const delay = delaysMs[attempt];
      if (delay === undefined || !isTransient(err)) throw err;
      onRetry?.(err, attempt + 1);
      await sleep(delay);
    }
  }
}
