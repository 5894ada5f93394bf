import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inShare } from "../bench/pipeline-share.js";
import { readJsonBody } from "./read-json-body.js";

/** One API call the fake received (after its token was checked and any planned failure). */
export interface ZaloBotCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
}

/** One message the fake delivered: to whom, what, and when it arrived (ms since the epoch). */
export interface DeliveredMessage {
  chatId: string;
  text: string;
  at: number;
}

/** A canned failure for the next calls of a method: `{ok:false, error_code, description}` with an HTTP status. */
export interface ZaloBotFailure {
  status: number;
  errorCode: number;
  description: string;
}

/**
 * A local Zalo Bot Platform API speaking its JSON wire format under `/bot<token>/<method>`
 * (sendMessage, sendChatAction, setWebhook, getMe), for the channel tests, the reliability tests
 * and the pipeline benchmark. `hold()` closes a gate: messages wait unanswered, and those whose
 * sender went away before `release()` (a killed worker) are never delivered, like a request the
 * platform never got to process. With `unreachableShare`, that share of chats (picked by a hash of
 * the chat id) is refused like a user who blocked the bot: HTTP 403 and the platform's envelope.
 */
export interface FakeZaloBot {
  /** The value for ZALO_BOT_API_ROOT. */
  apiRoot: string;
  calls: ZaloBotCall[];
  delivered: DeliveredMessage[];
  /** The texts sent with sendMessage, in order. */
  sentTexts(chatId?: string): string[];
  /** How many messages each chat received. */
  countsByChat(): Map<string, number>;
  /** `sendMessage` calls refused because the chat is among the unreachable share. */
  refused(): number;
  /** Messages waiting behind the gate. */
  held(): number;
  hold(): void;
  release(): void;
  /** Makes the next `times` calls of `method` fail. */
  failNext(method: string, failure: ZaloBotFailure, times?: number): void;
  /** Resolves once at least `count` sendMessage calls arrived (rejects after `timeoutMs`). */
  waitForMessages(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves once `count` messages were delivered (rejects after `timeoutMs`). */
  waitForDelivered(count: number, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const METHODS = new Set(["sendMessage", "sendChatAction", "setWebhook", "getMe"]);
/** The platform's limit for one message's text. */
const TEXT_LIMIT = 2000;

interface Pending {
  chatId: string;
  text: string;
  response: ServerResponse;
  /** The connection closed before an answer: the sender is gone. */
  gone: boolean;
}

const send = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
};
const refuse = (response: ServerResponse, status: number, description: string) =>
  send(response, status, { ok: false, error_code: status, description });

/** The deterministic pick of chats the fake refuses as unreachable (the salt the fake uses). */
export const isUnreachableChat = (chatId: string, share: number) => inShare(chatId, share, "bot-unreachable");

/** Resolves when `reached()` holds, checked by `wake()`; rejects with `message()` after `timeoutMs`. */
function waitList() {
  let waiters: { reached: () => boolean; resolve: () => void }[] = [];
  return {
    wait(reached: () => boolean, timeoutMs: number, message: () => string): Promise<void> {
      if (reached()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(message())), timeoutMs);
        waiters.push({
          reached,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    wake() {
      const ready = waiters.filter((w) => w.reached());
      waiters = waiters.filter((w) => !w.reached());
      for (const w of ready) w.resolve();
    },
  };
}

/** Starts the fake on a free port; only `token` is accepted (others get 401 like the real API). */
export async function startFakeZaloBot(
  token: string,
  options: { unreachableShare?: number } = {},
): Promise<FakeZaloBot> {
  const calls: ZaloBotCall[] = [];
  const delivered: DeliveredMessage[] = [];
  const failures = new Map<string, { failure: ZaloBotFailure; left: number }>();
  const unreachableShare = options.unreachableShare ?? 0;
  const waiters = waitList();
  let sentCalls = 0;
  let refused = 0;
  let gated = false;
  let waiting: Pending[] = [];
  let nextId = 1;

  const deliver = (p: Pending) => {
    // The sender is gone (killed while the message waited): the platform never processed it.
    if (p.gone) return;
    delivered.push({ chatId: p.chatId, text: p.text, at: Date.now() });
    send(p.response, 200, { ok: true, result: { message_id: `sent-${nextId++}`, date: Date.now() } });
    waiters.wake();
  };

  const sendMessage = (params: Record<string, unknown>, response: ServerResponse) => {
    sentCalls++;
    waiters.wake();
    const { chat_id: chatId, text } = params;
    if (typeof chatId !== "string" || typeof text !== "string" || !text)
      return refuse(response, 400, "Bad Request: chat_id and text are required");
    if (text.length > TEXT_LIMIT) return refuse(response, 400, "Bad Request: text is too long");
    if (isUnreachableChat(chatId, unreachableShare)) {
      refused++;
      return refuse(response, 403, "Forbidden: the user has blocked the bot or cannot be reached");
    }
    const pending: Pending = { chatId, text, response, gone: false };
    response.on("close", () => {
      if (!response.writableFinished) pending.gone = true;
    });
    if (gated) waiting.push(pending);
    else deliver(pending);
  };

  const server: Server = createServer(async (request, response) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/u.exec(request.url ?? "");
    if (!match || request.method !== "POST") return refuse(response, 404, "Not Found");
    const [, callToken = "", method = ""] = match;
    let params: Record<string, unknown>;
    try {
      params = await readJsonBody(request);
    } catch {
      return refuse(response, 400, "Bad Request: invalid JSON");
    }
    if (callToken !== token) return refuse(response, 401, "Unauthorized");
    if (!METHODS.has(method)) return refuse(response, 404, "Not Found");
    const planned = failures.get(method);
    if (planned && planned.left > 0) {
      planned.left--;
      const { status, errorCode, description } = planned.failure;
      return send(response, status, { ok: false, error_code: errorCode, description });
    }
    calls.push({ method, token: callToken, params });
    if (method === "sendMessage") return sendMessage(params, response);
    if (method === "sendChatAction") return send(response, 200, { ok: true });
    if (method === "setWebhook") {
      const secret = params.secret_token;
      if (typeof params.url !== "string" || typeof secret !== "string" || secret.length < 8)
        return refuse(response, 400, "Bad Request: url and secret_token required");
      return send(response, 200, { ok: true, result: { url: params.url, updated_at: Date.now() } });
    }
    return send(response, 200, {
      ok: true,
      result: { id: "bot-1", account_name: "motcua", account_type: "BASIC", can_join_groups: false },
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    delivered,
    sentTexts: (chatId) =>
      calls
        .filter((c) => c.method === "sendMessage" && (chatId === undefined || c.params.chat_id === chatId))
        .map((c) => String(c.params.text)),
    countsByChat() {
      const counts = new Map<string, number>();
      for (const m of delivered) counts.set(m.chatId, (counts.get(m.chatId) ?? 0) + 1);
      return counts;
    },
    refused: () => refused,
    held: () => waiting.filter((p) => !p.gone).length,
    hold() {
      gated = true;
    },
    release() {
      gated = false;
      const queued = waiting;
      waiting = [];
      for (const p of queued) deliver(p);
    },
    failNext(method, failure, times = 1) {
      failures.set(method, { failure, left: times });
    },
    waitForMessages: (count, timeoutMs = 10_000) =>
      waiters.wait(
        () => sentCalls >= count,
        timeoutMs,
        () => `expected ${count} sendMessage calls, got ${sentCalls}`,
      ),
    waitForDelivered: (count, timeoutMs = 30_000) =>
      waiters.wait(
        () => delivered.length >= count,
        timeoutMs,
        () => `expected ${count} delivered messages, got ${delivered.length}`,
      ),
    reset() {
      calls.length = 0;
      delivered.length = 0;
      sentCalls = 0;
      failures.clear();
    },
    close: () =>
      new Promise((resolve, reject) => {
        for (const p of waiting) p.response.destroy();
        waiting = [];
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
