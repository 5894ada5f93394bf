import type { FastifyReply } from "fastify";
import { html, type SafeHtml } from "./html.js";

/** A link in a page's top navigation. */
export interface NavLink {
  href: string;
  label: string;
}

/** What every server-rendered page has: a title, its content and the navigation of its area. */
export interface PageInput {
  title: string;
  body: SafeHtml;
  nav?: NavLink[];
  /** Extra stylesheets under /assets/ (e.g. "console.css"). */
  styles?: string[];
  /** Extra scripts under /assets/, loaded deferred; pages must work without them. */
  scripts?: string[];
  description?: string;
  /** The path of the current page, to mark its navigation link. */
  current?: string;
}

/** Renders a complete, accessible Vietnamese HTML document around a page's content. */
export function layout(input: PageInput): string {
  const nav = input.nav?.length
    ? html`<nav aria-label="Điều hướng chính"><ul>${input.nav.map(
        (l) =>
          html`<li><a href="${l.href}"${l.href === input.current ? html` aria-current="page"` : ""}>${l.label}</a></li>`,
      )}</ul></nav>`
    : "";
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · motcua</title>
${input.description ? html`<meta name="description" content="${input.description}">` : ""}
<link rel="stylesheet" href="/assets/site.css">
${(input.styles ?? []).map((s) => html`<link rel="stylesheet" href="/assets/${s}">`)}
${(input.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
<header class="site"><a class="brand" href="/">motcua</a>${nav}</header>
<main id="main">
${input.body}
</main>
</body>
</html>
`.value;
}

/** Sends a rendered page with the headers every page carries (CSP, no sniffing, no framing). */
export function sendPage(reply: FastifyReply, document: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .type("text/html; charset=utf-8")
    .header(
      "content-security-policy",
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'",
    )
    .header("x-content-type-options", "nosniff")
    .header("referrer-policy", "same-origin")
    .send(document);
}
