import type { FastifyReply, FastifyRequest } from "fastify";
import { canEditKnowledge, ROLE_LABELS, type SignedInOfficer } from "../../feedback/officers/roles.js";
import { html, type SafeHtml } from "../html.js";
import { layout, type NavLink, sendPage } from "../layout.js";

/** What a console page passes besides the officer. */
export interface ConsolePageInput {
  title: string;
  body: SafeHtml;
  /** The path of the current page, to mark its navigation link. */
  current?: string;
  /** Extra stylesheets or scripts under /assets/. */
  styles?: string[];
  scripts?: string[];
}

/** The CSRF token of the session each signed-in officer object came from (set by the auth hook). */
const csrfByOfficer = new WeakMap<SignedInOfficer, string>();
/** The name of each signed-in officer's agency, shown beside their name (set by the auth hook). */
const agencyNameByOfficer = new WeakMap<SignedInOfficer, string>();

/**
 * Ties a request's officer object to its session's CSRF token, so pages can render the sign-out
 * form, and to its agency's name, so the header says "Sở Xây dựng" rather than an id.
 */
export function rememberCsrf(officer: SignedInOfficer, csrfToken: string, agencyName?: string): void {
  csrfByOfficer.set(officer, csrfToken);
  if (agencyName) agencyNameByOfficer.set(officer, agencyName);
}

/** The hidden `_csrf` input every console form carries. */
export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** The hidden `_csrf` input for the signed-in request's session (empty when signed out). */
export function csrfField(req: FastifyRequest): SafeHtml {
  return req.csrfToken ? csrfInput(req.csrfToken) : html``;
}

/**
 * The console's navigation for a role: inbox and CSV export for everyone, the unanswered questions
 * for knowledge editors, admin tools for admins.
 */
export function consoleNav(officer: SignedInOfficer): NavLink[] {
  const links: NavLink[] = [
    { href: "/officer", label: "Hộp thư" },
    { href: "/officer/xuat-csv", label: "Xuất CSV" },
  ];
  if (canEditKnowledge(officer.role)) links.push({ href: "/officer/tri-thuc", label: "Tri thức" });
  if (officer.role === "admin") links.push({ href: "/officer/quan-tri", label: "Quản trị" });
  return links;
}

/** A complete console page: the navigation by role, who is signed in, a sign-out button, then the content. */
export function consolePage(officer: SignedInOfficer, input: ConsolePageInput): string {
  const csrf = csrfByOfficer.get(officer);
  const who = html`<div class="console-user">
<span><strong>${officer.name}</strong> · ${ROLE_LABELS[officer.role]}${officer.agencyId ? html` · <span class="muted">${agencyNameByOfficer.get(officer) ?? officer.agencyId}</span>` : ""}</span>
<a href="/officer/doi-mat-khau">Đổi mật khẩu</a>
${csrf ? html`<form method="post" action="/officer/logout" class="inline">${csrfInput(csrf)}<button type="submit" class="secondary">Đăng xuất</button></form>` : ""}
</div>`;
  return layout({
    title: input.title,
    nav: consoleNav(officer),
    current: input.current,
    styles: ["console.css", ...(input.styles ?? [])],
    scripts: input.scripts,
    body: html`${who}${input.body}`,
  });
}

/** A page outside the signed-in console (sign-in, errors), with the console's stylesheet. */
export function plainPage(title: string, body: SafeHtml): string {
  return layout({ title, body, styles: ["console.css"] });
}

/** Sends a short Vietnamese error page (or JSON when the client asked for JSON) with a status. */
export function sendConsoleError(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
  code: string,
): FastifyReply {
  if (wantsJson(req)) return reply.code(status).send({ error: { code, message } });
  const body = html`<h1>${message}</h1><p><a href="/officer">Về trang chính của bảng điều khiển</a></p>`;
  const page = req.officer ? consolePage(req.officer, { title: message, body }) : plainPage(message, body);
  return sendPage(reply, page, status);
}

/** True when the request came from a script that wants JSON rather than a page. */
export function wantsJson(req: FastifyRequest): boolean {
  const accept = String(req.headers.accept ?? "");
  const type = String(req.headers["content-type"] ?? "");
  return (
    (accept.includes("application/json") && !accept.includes("text/html")) ||
    type.includes("application/json")
  );
}

/** The console's 404: the same page whether the item does not exist or the officer may not see it. */
export function sendNotFound(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendConsoleError(req, reply, 404, "Không tìm thấy trang.", "not_found");
}
