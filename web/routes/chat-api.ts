import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import type { WebInbox } from "../../bot/channels/web-inbox.js";
import type { Dispatcher } from "../../bot/core/dispatch.js";
import type { Reply } from "../../bot/core/types.js";

/** The web chat's session cookie: a signed random id, never chosen by the client. */
export const CHAT_COOKIE = "mc_chat";

const bodySchema = z.union([
  z.object({ text: z.string().max(20_000) }).strict(),
  z.object({ payload: z.string().min(1).max(200) }).strict(),
]);

/** Reads the signed chat cookie, or issues a new one. */
function chatSession(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const raw = request.cookies[CHAT_COOKIE];
  if (raw) {
    const unsigned = request.unsignCookie(raw);
    if (unsigned.valid && unsigned.value) return unsigned.value;
  }
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

/** `POST /api/chat/messages`: one citizen message in, the bot's replies out. */
export function registerChatApi(
  app: FastifyInstance,
  deps: { dispatcher: Dispatcher; secureCookies: boolean; inbox?: WebInbox },
): void {
  // Messages that arrived while the visitor was away (their PAKN changed state); the page polls.
  app.get("/api/chat/updates", async (request, reply) => {
    const raw = request.cookies[CHAT_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    const replies =
      unsigned?.valid && unsigned.value && deps.inbox ? await deps.inbox.collect(unsigned.value) : [];
    return reply.header("cache-control", "no-store").send({ replies });
  });
  app.post("/api/chat/messages", { bodyLimit: 100_000 }, async (request, reply) => {
    const parsed = bodySchema.safeParse(request.body);
    if (!parsed.success) {
      throw new AppError("bad_request", 'body must be {"text": string} or {"payload": string}');
    }
    const conversation = chatSession(request, reply, deps.secureCookies);
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
