import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readJsonBody } from "./read-json-body.js";

/** One Bot API call the fake received, with its JSON parameters. */
export interface TelegramCall {
  method: string;
  token: string;
  body: Record<string, unknown>;
  /** When the call arrived (`performance.now()` of this process). */
  at: number;
}

/** A canned `{ok:false}` answer for the next calls of a method (e.g. 429 with retry_after, 403 blocked). */
export interface TelegramFailure {
  errorCode: number;
  description: string;
  retryAfter?: number;
}

/** A local Telegram Bot API speaking its JSON wire format under `/bot<token>/<method>`. */
export interface FakeTelegram {
  /** The value for TELEGRAM_API_ROOT. */
  apiRoot: string;
  /** Every call, in arrival order (getUpdates included). */
  calls: TelegramCall[];
  /** The calls of one method. */
  callsOf(method: string): TelegramCall[];
  /** Queues an update for getUpdates (long polling); `update_id` is added when missing. */
  push(update: Record<string, unknown>): number;
  /** Makes the next `times` calls of `method` fail. */
  failNext(method: string, failure: TelegramFailure, times?: number): void;
  /** Resolves once `method` was called at least `count` times (rejects after `timeoutMs`). */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<TelegramCall[]>;
  /**
   * Makes a file downloadable like one a user sent: `getFile` answers its path (and `fileSize`, the
   * real length unless overridden) and `/file/bot<token>/<path>` serves the bytes. Returns its file_id.
   */
  addFile(bytes: Uint8Array, options?: { fileSize?: number }): string;
  /** Downloads served from `/file/bot<token>/…`, in arrival order. */
  fileDownloads: string[];
  reset(): void;
  close(): Promise<void>;
}

const BOT_USER = {
  id: 7000000001,
  is_bot: true,
  first_name: "Một cửa",
  username: "motcua_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

/** Starts the fake on a free port; only `token` is accepted (others get 401 like the real API). */
export async function startFakeTelegram(token: string): Promise<FakeTelegram> {
  const calls: TelegramCall[] = [];
  const queue: Record<string, unknown>[] = [];
  const failures = new Map<string, { failure: TelegramFailure; left: number }>();
  let polls: { offset: number; limit: number; respond: (updates: unknown[]) => void }[] = [];
  let watchers: (() => void)[] = [];
  let nextUpdateId = 900_000_000;
  let nextMessageId = 1;
  const files = new Map<string, { path: string; bytes: Uint8Array; fileSize: number }>();
  const fileDownloads: string[] = [];

  const pending = (offset: number, limit: number) =>
    queue.filter((u) => (u.update_id as number) >= offset).slice(0, limit);
  const notify = () => {
    for (const watch of watchers) watch();
  };
  const servePolls = () => {
    polls = polls.filter((poll) => {
      const updates = pending(poll.offset, poll.limit);
      if (!updates.length) return true;
      poll.respond(updates);
      return false;
    });
  };

  function answer(method: string, body: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return BOT_USER;
      case "sendMessage": {
        const chatId = Number(body.chat_id);
        return {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: chatId < 0 ? "group" : "private" },
          from: BOT_USER,
          text: body.text,
          ...(body.reply_markup ? { reply_markup: body.reply_markup } : {}),
        };
      }
      default:
        return true;
    }
  }

  /** getFile: the file's path, or undefined for a file_id this fake never handed out. */
  function getFile(body: Record<string, unknown>): unknown {
    const id = String(body.file_id ?? "");
    const file = files.get(id);
    if (!file) return undefined;
    return { file_id: id, file_unique_id: `u${id}`, file_size: file.fileSize, file_path: file.path };
  }

  /** `GET /file/bot<token>/<file_path>`: the bytes, as Telegram's file server sends them. */
  function serveFile(url: string, res: ServerResponse): boolean {
    const match = /^\/file\/bot([^/]+)\/(.+)$/.exec(url);
    if (!match) return false;
    const [, fileToken, path] = match;
    fileDownloads.push(path ?? "");
    const file = [...files.values()].find((f) => f.path === path);
    if (fileToken !== token || !file) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
      return true;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.bytes.length });
    res.end(Buffer.from(file.bytes));
    return true;
  }

  async function getUpdates(
    body: Record<string, unknown>,
    send: (result: unknown) => void,
    res: ServerResponse,
  ) {
    const offset = Number(body.offset ?? 0);
    const limit = Number(body.limit ?? 100);
    // Confirmed updates are gone for good, as on Telegram.
    for (let i = queue.length - 1; i >= 0; i--)
      if (((queue[i] as Record<string, unknown>).update_id as number) < offset) queue.splice(i, 1);
    const ready = pending(offset, limit);
    const timeout = Number(body.timeout ?? 0);
    if (ready.length || timeout <= 0) return send(ready);
    const poll = {
      offset,
      limit,
      respond: (updates: unknown[]) => {
        clearTimeout(timer);
        send(updates);
      },
    };
    const timer = setTimeout(() => {
      polls = polls.filter((p) => p !== poll);
      send([]);
    }, Math.min(timeout, 2) * 1000);
    res.on("close", () => {
      clearTimeout(timer);
      polls = polls.filter((p) => p !== poll);
    });
    polls.push(poll);
  }

  const server = createServer(async (req, res) => {
    const send = (status: number, payload: unknown) => {
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    };
    if (req.method === "GET" && serveFile(req.url ?? "", res)) return;
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    let body: Record<string, unknown>;
    try {
      body = await readJsonBody(req);
    } catch {
      return send(400, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
    }
    if (!match) return send(404, { ok: false, error_code: 404, description: "Not Found" });
    const [, callToken = "", method = ""] = match;
    calls.push({ method, token: callToken, body, at: performance.now() });
    notify();
    if (callToken !== token) return send(401, { ok: false, error_code: 401, description: "Unauthorized" });
    const failure = failures.get(method);
    if (failure && failure.left > 0) {
      failure.left--;
      const { errorCode, description, retryAfter } = failure.failure;
      return send(errorCode, {
        ok: false,
        error_code: errorCode,
        description,
        ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}),
      });
    }
    const ok = (result: unknown) => send(200, { ok: true, result });
    if (method === "getUpdates") return getUpdates(body, ok, res);
    if (method === "getFile") {
      const file = getFile(body);
      if (file) return ok(file);
      return send(400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
    }
    const known = [
      "getMe",
      "sendMessage",
      "sendChatAction",
      "answerCallbackQuery",
      "setMyCommands",
      "setWebhook",
      "deleteWebhook",
    ];
    if (!known.includes(method))
      return send(404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    ok(answer(method, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const callsOf = (method: string) => calls.filter((c) => c.method === method);

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    callsOf,
    fileDownloads,
    addFile(bytes, options = {}) {
      const n = files.size + 1;
      const id = `AgACAgIAAxkBAAI${n}file`;
      files.set(id, { path: `photos/file_${n}.jpg`, bytes, fileSize: options.fileSize ?? bytes.length });
      return id;
    },
    push(update) {
      const full = { update_id: nextUpdateId++, ...update };
      queue.push(full);
      servePolls();
      return full.update_id as number;
    },
    failNext(method, failure, times = 1) {
      failures.set(method, { failure, left: times });
    },
    waitFor(method, count = 1, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = callsOf(method);
          if (found.length < count) return false;
          watchers = watchers.filter((w) => w !== watch);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const watch = () => void check();
        const timer = setTimeout(() => {
          watchers = watchers.filter((w) => w !== watch);
          reject(
            new Error(`fake Telegram: ${method} called ${callsOf(method).length} times, wanted ${count}`),
          );
        }, timeoutMs);
        if (!check()) watchers.push(watch);
      });
    },
    reset() {
      calls.length = 0;
      failures.clear();
    },
    async close() {
      for (const poll of polls) poll.respond([]);
      polls = [];
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let nextTestMessageId = 1;

/** A private-chat message update as Telegram sends it; `extra` adds or overrides message fields. */
export function messageUpdate(
  chatId: number,
  extra: Record<string, unknown>,
  updateId?: number,
): Record<string, unknown> {
  const user = { id: chatId, is_bot: false, first_name: "Lan", language_code: "vi" };
  return {
    ...(updateId !== undefined ? { update_id: updateId } : {}),
    message: {
      message_id: nextTestMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: "Lan" },
      from: user,
      ...extra,
    },
  };
}

/** A private-chat text message update. */
export function textUpdate(chatId: number, text: string, updateId?: number): Record<string, unknown> {
  return messageUpdate(chatId, { text }, updateId);
}

/** A button press (callback query) on a message the bot sent to `chatId`. */
export function callbackUpdate(chatId: number, data: string, updateId?: number): Record<string, unknown> {
  const user = { id: chatId, is_bot: false, first_name: "Lan", language_code: "vi" };
  return {
    ...(updateId !== undefined ? { update_id: updateId } : {}),
    callback_query: {
      id: `cq-${nextTestMessageId++}`,
      from: user,
      chat_instance: `ci-${chatId}`,
      data,
      message: {
        message_id: nextTestMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: "private", first_name: "Lan" },
        from: BOT_USER,
        text: "…",
      },
    },
  };
}
