import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One API call the fake received. */
export interface ZaloBotCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
}

/** A canned failure for the next calls of a method: `{ok:false, error_code, description}` with an HTTP status. */
export interface ZaloBotFailure {
  status: number;
  errorCode: number;
  description: string;
}

/** A local Zalo Bot Platform API speaking its JSON wire format under `/bot<token>/<method>`. */
export interface FakeZaloBot {
  /** The value for ZALO_BOT_API_ROOT. */
  apiRoot: string;
  calls: ZaloBotCall[];
  /** The texts sent with sendMessage, in order. */
  sentTexts(chatId?: string): string[];
  /** Makes the next `times` calls of `method` fail. */
  failNext(method: string, failure: ZaloBotFailure, times?: number): void;
  /** Resolves once at least `count` sendMessage calls arrived (rejects after `timeoutMs`). */
  waitForMessages(count: number, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const METHODS = new Set(["sendMessage", "sendChatAction", "setWebhook", "getMe"]);

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  const parsed = JSON.parse(text) as unknown;
  return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
}

/** Starts the fake on a free port; only `token` is accepted (others get 401 like the real API). */
export async function startFakeZaloBot(token: string): Promise<FakeZaloBot> {
  const calls: ZaloBotCall[] = [];
  const failures = new Map<string, { failure: ZaloBotFailure; left: number }>();
  let waiters: { count: number; resolve: () => void }[] = [];
  let nextId = 1;

  const sent = () => calls.filter((c) => c.method === "sendMessage").length;
  const wake = () => {
    const ready = waiters.filter((w) => sent() >= w.count);
    waiters = waiters.filter((w) => sent() < w.count);
    for (const w of ready) w.resolve();
  };

  const server: Server = createServer(async (request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/u.exec(request.url ?? "");
    if (!match || request.method !== "POST")
      return reply(404, { ok: false, error_code: 404, description: "Not Found" });
    const [, callToken = "", method = ""] = match;
    let params: Record<string, unknown>;
    try {
      params = await readJson(request);
    } catch {
      return reply(400, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
    }
    if (callToken !== token) return reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
    if (!METHODS.has(method)) return reply(404, { ok: false, error_code: 404, description: "Not Found" });
    const planned = failures.get(method);
    if (planned && planned.left > 0) {
      planned.left--;
      const { status, errorCode, description } = planned.failure;
      return reply(status, { ok: false, error_code: errorCode, description });
    }
    calls.push({ method, token: callToken, params });
    const now = Date.now();
    switch (method) {
      case "sendMessage": {
        const text = params.text;
        if (typeof params.chat_id !== "string" || typeof text !== "string" || !text)
          return reply(400, {
            ok: false,
            error_code: 400,
            description: "Bad Request: chat_id and text are required",
          });
        if (text.length > 2000)
          return reply(400, { ok: false, error_code: 400, description: "Bad Request: text is too long" });
        reply(200, { ok: true, result: { message_id: `sent-${nextId++}`, date: now } });
        wake();
        return;
      }
      case "sendChatAction":
        return reply(200, { ok: true });
      case "setWebhook": {
        const secret = params.secret_token;
        if (typeof params.url !== "string" || typeof secret !== "string" || secret.length < 8)
          return reply(400, {
            ok: false,
            error_code: 400,
            description: "Bad Request: url and secret_token required",
          });
        return reply(200, { ok: true, result: { url: params.url, updated_at: now } });
      }
      default:
        return reply(200, {
          ok: true,
          result: { id: "bot-1", account_name: "motcua", account_type: "BASIC", can_join_groups: false },
        });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    sentTexts: (chatId) =>
      calls
        .filter((c) => c.method === "sendMessage" && (chatId === undefined || c.params.chat_id === chatId))
        .map((c) => String(c.params.text)),
    failNext(method, failure, times = 1) {
      failures.set(method, { failure, left: times });
    },
    waitForMessages(count, timeoutMs = 10_000) {
      if (sent() >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} sendMessage calls, got ${sent()}`)),
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
    reset() {
      calls.length = 0;
      failures.clear();
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
