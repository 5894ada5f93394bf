import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { TEXTS } from "../../knowledge/compose/index.js";
import { escapeHtml } from "../html.js";

const page = (name: string) => readFileSync(new URL(`../pages/${name}`, import.meta.url), "utf8");

/** `GET /chat` and its two static assets: a plain page that works on a cheap phone. */
export function registerChatPage(app: FastifyInstance): void {
  const html = page("chat.html").replace("{{WELCOME}}", escapeHtml(TEXTS.welcome));
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
