import { AttachmentRejected } from "../../feedback/attachment-rejected.js";

/** Limits of one download. */
export interface DownloadLimits {
  maxBytes: number;
  /** Whole-download timeout (default 15 s). */
  timeoutMs?: number;
}

/**
 * A failed download that may work later (network, timeout, 5xx). Its message names the host only:
 * channel file URLs carry tokens and signatures in their path and query, which must not be logged.
 */
export class DownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DownloadError";
  }
}

/**
 * Fetches a photo a channel points to (a Zalo image URL, a Telegram file): http(s) only, a
 * timeout, and never more than `maxBytes` read (Content-Length checked first, the body counted).
 * A 4xx answer or an oversized file is refused for good (AttachmentRejected); anything else is a
 * DownloadError worth retrying.
 */
export async function downloadImage(url: string, limits: DownloadLimits): Promise<Buffer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AttachmentRejected("unsupported_reference");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new AttachmentRejected("unsupported_reference");
  const host = parsed.host;
  let response: Response;
  try {
    response = await fetch(parsed, {
      signal: AbortSignal.timeout(limits.timeoutMs ?? 15_000),
      headers: { accept: "image/jpeg, image/png, image/webp" },
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    throw new DownloadError(`download from ${host} ${timedOut ? "timed out" : "failed"}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 400 && response.status < 500 && response.status !== 429)
      throw new AttachmentRejected("gone");
    throw new DownloadError(`download from ${host} answered ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new AttachmentRejected("too_large");
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    if (!response.body) return Buffer.alloc(0);
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > limits.maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new AttachmentRejected("too_large");
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof AttachmentRejected) throw err;
    throw new DownloadError(`download from ${host} broke off`);
  }
  return Buffer.concat(chunks);
}
