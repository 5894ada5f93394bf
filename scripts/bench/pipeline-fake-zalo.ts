import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inShare } from "./pipeline-share.js";

/** One message the fake delivered: to whom, what, and when it arrived (ms since the epoch). */
export interface DeliveredMessage {
  chatId: string;
  text: string;
  at: number;
}

/**
 * A local Zalo Bot Platform API (`POST /bot<token>/sendMessage`, JSON in and out) for the pipeline
 * benchmark and the reliability tests. `hold()` closes a gate: messages wait unanswered, and those
 * whose sender went away before `release()` (a killed worker) are never delivered, like a request
 * the platform never got to process. With `unreachableShare`, that share of chats (picked by a hash
 * of the chat id) is refused like a user who blocked the bot: HTTP 403 and the platform's envelope.
 */
export interface FakeZaloApi {
  /** The value for ZALO_BOT_API_ROOT. */
  apiRoot: string;
  delivered: DeliveredMessage[];
  /** How many messages each chat received. */
  countsByChat(): Map<string, number>;
  /** `sendMessage` calls refused because the chat is among the unreachable share. */
  refused(): number;
  /** Messages waiting behind the gate. */
  held(): number;
  hold(): void;
  release(): void;
  /** Resolves once `count` messages were delivered (rejects after `timeoutMs`). */
  waitForDelivered(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface Pending {
  chatId: string;
  text: string;
  response: ServerResponse;
  /** The connection closed before an answer: the sender is gone. */
  gone: boolean;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as unknown;
  return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
}

const reply = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
};

/** The deterministic pick of chats the fake refuses as unreachable (the salt the fake uses). */
export const isUnreachableChat = (chatId: string, share: number) => inShare(chatId, share, "bot-unreachable");

/** Starts the fake on a free port; only `token` is accepted. */
export async function startFakeZaloApi(
  token: string,
  options: { unreachableShare?: number } = {},
): Promise<FakeZaloApi> {
  const delivered: DeliveredMessage[] = [];
  const unreachableShare = options.unreachableShare ?? 0;
  let refused = 0;
  let gated = false;
  let waiting: Pending[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  let nextId = 1;

  const deliver = (p: Pending) => {
    // The sender is gone (killed while the message waited): the platform never processed it.
    if (p.gone) return;
    delivered.push({ chatId: p.chatId, text: p.text, at: Date.now() });
    reply(p.response, 200, { ok: true, result: { message_id: `m-${nextId++}`, date: Date.now() } });
    const ready = waiters.filter((w) => delivered.length >= w.count);
    waiters = waiters.filter((w) => delivered.length < w.count);
    for (const w of ready) w.resolve();
  };

  const server: Server = createServer(async (request, response) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/u.exec(request.url ?? "");
    let params: Record<string, unknown>;
    try {
      params = await readJson(request);
    } catch {
      return reply(response, 400, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
    }
    if (!match || request.method !== "POST")
      return reply(response, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== token)
      return reply(response, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    if (match[2] !== "sendMessage") return reply(response, 200, { ok: true, result: true });
    const { chat_id: chatId, text } = params;
    if (typeof chatId !== "string" || typeof text !== "string" || !text)
      return reply(response, 400, {
        ok: false,
        error_code: 400,
        description: "Bad Request: chat_id and text",
      });
    if (isUnreachableChat(chatId, unreachableShare)) {
      refused++;
      return reply(response, 403, {
        ok: false,
        error_code: 403,
        description: "Forbidden: the user has blocked the bot or cannot be reached",
      });
    }
    const pending: Pending = { chatId, text, response, gone: false };
    response.on("close", () => {
      if (!response.writableFinished) pending.gone = true;
    });
    if (gated) waiting.push(pending);
    else deliver(pending);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    delivered,
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
    waitForDelivered(count, timeoutMs = 30_000) {
      if (delivered.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} delivered messages, got ${delivered.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
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
