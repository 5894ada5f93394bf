import { randomUUID } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/** The web chat's session cookie: a signed random id, never chosen by the client. */
export const CHAT_COOKIE = "mc_chat";

/** The conversation id in the request's signed chat cookie, if it carries a valid one. */
export function cookieSession(request: FastifyRequest): string | undefined {
  const raw = request.cookies[CHAT_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

/** Issues a new conversation id in a signed cookie. */
export function issueSession(reply: FastifyReply, secure: boolean): string {
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
