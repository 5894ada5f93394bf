import type { FastifyReply, FastifyRequest } from "fastify";
import { html, type SafeHtml } from "../html.js";

/** The cookie carrying one message to the page a console form redirects to. */
const FLASH_COOKIE = "motcua_flash";

const options = (secure: boolean) => ({
  path: "/officer",
  httpOnly: true,
  sameSite: "strict" as const,
  secure,
  signed: true,
  maxAge: 60,
});

/** Leaves a short Vietnamese message for the next console page (signed, so nobody can plant text). */
export function setFlash(reply: FastifyReply, message: string, secure: boolean): FastifyReply {
  return reply.setCookie(FLASH_COOKIE, message.slice(0, 300), options(secure));
}

/** Takes the waiting message, if any (it is shown once). */
export function takeFlash(req: FastifyRequest, reply: FastifyReply, secure: boolean): string | undefined {
  const raw = req.cookies[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: "/officer", secure });
  const unsigned = req.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

/** The page's status line: a success message read aloud politely, an error as an alert. */
export function messageBox(input: { flash?: string; error?: string }): SafeHtml {
  return html`${input.flash ? html`<p class="notice" role="status">${input.flash}</p>` : ""}${
    input.error ? html`<p class="error" role="alert">${input.error}</p>` : ""
  }`;
}
