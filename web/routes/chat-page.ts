import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { MAX_QUESTION_CHARS } from "../../bot/core/features/guard-input.js";
import { TEXTS } from "../../bot/core/texts.js";
import { DEFAULT_UPLOAD_MAX_BYTES } from "../../feedback/attachment-store.js";
import { escapeHtml } from "../html.js";

const page = (name: string) => readFileSync(new URL(`../pages/${name}`, import.meta.url), "utf8");

/** `GET /chat` and its two static assets: a plain page that works on a cheap phone. */
export function registerChatPage(app: FastifyInstance, options: { maxPhotoBytes?: number } = {}): void {
  // The page counts against the core's own limit, so it never sends what the core would refuse.
  const html = page("chat.html")
    .replace("{{WELCOME}}", escapeHtml(TEXTS.welcome))
    .replace("{{MAX_CHARS}}", String(MAX_QUESTION_CHARS))
    .replace("{{MAX_PHOTO_BYTES}}", String(options.maxPhotoBytes ?? DEFAULT_UPLOAD_MAX_BYTES));
  const js = page("chat.js");
  const css = page("chat.css");
  const cache = "public, max-age=300";
  app.get("/chat", (_req, reply) =>
    reply
      .type("text/html; charset=utf-8")
      .header("content-security-policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
      .header("x-content-type-options", "nosniff")
      .send(html),
  );
  app.get("/chat/chat.js", (_req, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", cache).send(js),
  );
  app.get("/chat/chat.css", (_req, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", cache).send(css),
  );
}
