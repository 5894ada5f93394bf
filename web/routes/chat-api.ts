import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import type { WebInbox } from "../../bot/channels/web-inbox.js";
import type { Dispatcher } from "../../bot/core/dispatch.js";
import { type Reply, textReply } from "../../bot/core/types.js";
import type { ChatIpLimit } from "../chat-ip-limit.js";

/** The web chat's session cookie: a signed random id, never chosen by the client. */
export const CHAT_COOKIE = "mc_chat";

const bodySchema = z.union([
  z.object({ text: z.string().max(20_000) }).strict(),
  z.object({ payload: z.string().min(1).max(200) }).strict(),
]);

/** The conversation id in the request's signed chat cookie, if it carries a valid one. */
function cookieSession(request: FastifyRequest): string | undefined {
  const raw = request.cookies[CHAT_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

/** Issues a new conversation id in a signed cookie. */
function issueSession(reply: FastifyReply, secure: boolean): string {
  const id = randomUUID();
  reply.setCookie(CHAT_COOKIE, id, {
    signed: true,
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
  return id;
}

/** The reply to an address over its budget, in the chat's own shape so the page shows it. */
export function tooManyMessagesText(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Hiện có quá nhiều tin nhắn gửi đến từ mạng của bạn nên tin nhắn vừa rồi chưa được xử lý. Bạn vui lòng đợi khoảng ${minutes} phút rồi gửi lại nhé. Xin cảm ơn bạn!`;
}

/** `POST /api/chat/messages`: one citizen message in, the bot's replies out. */
export function registerChatApi(
  app: FastifyInstance,
  deps: { dispatcher: Dispatcher; secureCookies: boolean; inbox?: WebInbox; ipLimit?: ChatIpLimit },
): void {
  // Messages that arrived while the visitor was away (their PAKN changed state); the page polls.
  app.get("/api/chat/updates", async (request, reply) => {
    const conversation = cookieSession(request);
    const replies = conversation && deps.inbox ? await deps.inbox.collect(conversation) : [];
    return reply.header("cache-control", "no-store").send({ replies });
  });
  app.post("/api/chat/messages", { bodyLimit: 100_000 }, async (request, reply) => {
    const parsed = bodySchema.safeParse(request.body);
    if (!parsed.success) {
      throw new AppError("bad_request", 'body must be {"text": string} or {"payload": string}');
    }
    const existing = cookieSession(request);
    // Every cookie-less message would start a session kept in Redis: count them per address.
    const verdict = await deps.ipLimit?.check(request.ip, { newSession: existing === undefined });
    if (verdict && !verdict.allowed) {
      request.log.info({ retryAfterSeconds: verdict.retryAfterSeconds }, "web chat address over its budget");
      return reply
        .status(429)
        .header("retry-after", String(verdict.retryAfterSeconds))
        .header("cache-control", "no-store")
        .send({ replies: [textReply(tooManyMessagesText(verdict.retryAfterSeconds))] });
    }
    const conversation = existing ?? issueSession(reply, deps.secureCookies);
    let replies: Reply[] = [];
    await deps.dispatcher.dispatch(
      {
        channel: "web",
        conversation,
        user: conversation,
        ...("text" in parsed.data
          ? { text: parsed.data.text, kind: "text" as const }
          : { payload: parsed.data.payload, kind: "payload" as const }),
      },
      async (out) => {
        replies = out;
      },
    );
    return reply.header("cache-control", "no-store").send({ replies });
  });
}
