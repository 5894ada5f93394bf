/**
 * A call to the Zalo Bot Platform API that failed; carries the method and the platform's code,
 * never the token or the URL (the token is part of every API path).
 */
export class ZaloBotApiError extends Error {
  constructor(
    readonly method: string,
    /** The platform's `error_code`, else the HTTP status; 0 for a network failure or timeout. */
    readonly errorCode: number,
    description: string,
    /** True for rate limits, server errors and network failures: trying again later may work. */
    readonly retryable: boolean,
  ) {
    super(`Zalo Bot API ${method} failed (${errorCode || "network"}): ${description}`);
    this.name = "ZaloBotApiError";
  }
}

/** The part of the Zalo Bot Platform API the channel uses (`{root}/bot<token>/<method>`, JSON in and out). */
export interface ZaloBotApi {
  /** Calls one method and returns its `result`; throws ZaloBotApiError when the answer is not `ok`. */
  call<T = unknown>(method: string, params: Record<string, unknown>): Promise<T>;
  sendMessage(chatId: string, text: string): Promise<unknown>;
  sendChatAction(chatId: string, action: "typing"): Promise<unknown>;
  setWebhook(url: string, secretToken: string): Promise<unknown>;
}

interface Envelope {
  ok?: unknown;
  result?: unknown;
  error_code?: unknown;
  errorCode?: unknown;
  description?: unknown;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Whether an error code (platform or HTTP) means "try again later" rather than "this will never work". */
function isRetryable(code: number): boolean {
  return code === 0 || code === 408 || code === 429 || code >= 500;
}

/** Builds the thin fetch-based client; no SDK exists that is maintained, so this is our own. */
export function createZaloBotApi(options: {
  apiRoot: string;
  token: string;
  timeoutMs?: number;
}): ZaloBotApi {
  const base = `${options.apiRoot.replace(/\/+$/u, "")}/bot${options.token}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Descriptions and network messages are echoed into logs: never let the token through.
  const redact = (text: string) => (options.token ? text.split(options.token).join("<token>") : text);

  async function call<T>(method: string, params: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${base}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      // Only the error's name and the cause's code: undici messages may quote the request URL.
      const cause = (err as { cause?: { code?: unknown } }).cause;
      const detail = typeof cause?.code === "string" ? cause.code : (err as Error).name;
      throw new ZaloBotApiError(method, 0, redact(detail), true);
    }
    let envelope: Envelope | undefined;
    try {
      envelope = (await response.json()) as Envelope;
    } catch {
      envelope = undefined;
    }
    if (response.ok && envelope?.ok === true) return envelope.result as T;
    const platformCode = Number(envelope?.error_code ?? envelope?.errorCode);
    const code = Number.isFinite(platformCode) && platformCode !== 0 ? platformCode : response.status;
    const description =
      typeof envelope?.description === "string" ? envelope.description : `HTTP ${response.status}`;
    throw new ZaloBotApiError(
      method,
      code,
      redact(description),
      isRetryable(code) || isRetryable(response.status),
    );
  }

  return {
    call,
    sendMessage: (chatId, text) => call("sendMessage", { chat_id: chatId, text }),
    sendChatAction: (chatId, action) => call("sendChatAction", { chat_id: chatId, action }),
    setWebhook: (url, secretToken) => call("setWebhook", { url, secret_token: secretToken }),
  };
}
