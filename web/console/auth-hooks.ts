import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import { loadSession, type OfficerSession } from "../../feedback/officers/officer-sessions.js";
import type { OfficerRole, SignedInOfficer } from "../../feedback/officers/roles.js";
import { formField } from "../form-body.js";
import type { SiteDeps } from "../site.js";
import { rememberCsrf, sendConsoleError, sendNotFound, wantsJson } from "./console-layout.js";
import { isConsolePath } from "./console-paths.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in staff member, set for console requests carrying a live session cookie. */
    officer?: SignedInOfficer;
    /** The session's CSRF token, which every state-changing console request must echo. */
    csrfToken?: string;
    /** The whole session (its id and whether the password must be changed first). */
    officerSession?: OfficerSession;
  }
}

/** The console's session cookie. */
export const SESSION_COOKIE = "motcua_officer";
/** Paths a signed-in officer who must change their password can still reach. */
const CHANGE_PASSWORD_PATH = "/officer/doi-mat-khau";
const ALWAYS_ALLOWED = new Set([CHANGE_PASSWORD_PATH, "/officer/logout"]);
/** The sign-in form has no session yet; it carries its own double-submit token (see auth-pages). */
const LOGIN_PATH = "/officer/login";

const pathOf = (req: FastifyRequest) => req.url.split("?")[0] ?? "";
const isSafeMethod = (req: FastifyRequest) => req.method === "GET" || req.method === "HEAD";

/** Compares two secrets in constant time (false when either is missing or their lengths differ). */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Options of the session cookie: HttpOnly, SameSite=Strict, whole site, Secure over https. */
export function sessionCookieOptions(deps: Pick<SiteDeps, "secureCookies">) {
  return { path: "/", httpOnly: true, sameSite: "strict" as const, secure: deps.secureCookies };
}

async function attachSession(deps: SiteDeps, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.officerSession !== undefined) return;
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return;
  const session = await loadSession(
    { db: deps.db, now: deps.now, maxAgeMs: deps.officerSessionMaxMs },
    token,
  );
  if (!session) {
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps));
    return;
  }
  req.officerSession = session;
  req.officer = session.officer;
  req.csrfToken = session.csrfToken;
  const agencyId = session.officer.agencyId;
  rememberCsrf(session.officer, session.csrfToken, agencyId ? deps.agencies.get(agencyId)?.name : undefined);
}

/**
 * For every request under /officer and /admin: loads the session from its cookie, and refuses a
 * state-changing request of a signed-in session whose `_csrf` field or `x-csrf-token` header does
 * not match the session's token (403, nothing done).
 */
export function registerSessionHook(app: FastifyInstance, deps: SiteDeps): void {
  app.addHook("preHandler", async (req, reply) => {
    if (!isConsolePath(req.url)) return;
    await attachSession(deps, req, reply);
    if (pathOf(req) !== LOGIN_PATH) return refuseBadCsrf(req, reply);
  });
}

/** Sends 403 when a signed-in, state-changing request does not echo its session's CSRF token. */
function refuseBadCsrf(req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  if (isSafeMethod(req) || !req.officerSession) return undefined;
  const header = req.headers["x-csrf-token"];
  const sent = typeof header === "string" && header ? header : formField(req.body, "_csrf");
  if (sameSecret(sent, req.officerSession.csrfToken)) return undefined;
  req.log.info({ path: pathOf(req) }, "csrf token missing or wrong");
  return sendConsoleError(
    req,
    reply,
    403,
    "Phiên làm việc không hợp lệ hoặc biểu mẫu đã cũ. Vui lòng tải lại trang và thử lại.",
    "forbidden",
  );
}

/** The path a sign-in should lead back to: a console path of ours, never another site. */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.includes("\\"))
    return "/officer";
  return isConsolePath(next) && !next.startsWith(LOGIN_PATH) ? next : "/officer";
}

/**
 * A preHandler that lets only signed-in officers (of the given roles) through: no session →
 * the sign-in page (303) for a GET page, 401 otherwise; a role not listed → 404, as if the page
 * did not exist; a password that must be changed → the change-password page first.
 */
export function requireOfficer(deps: SiteDeps, roles?: readonly OfficerRole[]): preHandlerAsyncHookHandler {
  return async function requireOfficerHook(req, reply) {
    await attachSession(deps, req, reply);
    const officer = req.officer;
    if (!officer || !req.officerSession) {
      if (isSafeMethod(req) && !wantsJson(req))
        return reply.redirect(`${LOGIN_PATH}?next=${encodeURIComponent(req.url)}`, 303);
      return sendConsoleError(req, reply, 401, "Vui lòng đăng nhập để tiếp tục.", "unauthorized");
    }
    if (req.officerSession.mustChangePassword && !ALWAYS_ALLOWED.has(pathOf(req)))
      return reply.redirect(
        `${CHANGE_PASSWORD_PATH}${isSafeMethod(req) ? `?next=${encodeURIComponent(req.url)}` : ""}`,
        303,
      );
    // Paths outside /officer and /admin are not covered by the site-wide check.
    if (!isConsolePath(req.url)) {
      const refused = refuseBadCsrf(req, reply);
      if (refused) return refused;
    }
    if (roles && !roles.includes(officer.role)) return sendNotFound(req, reply);
  };
}

/** The signed-in officer of a request that passed requireOfficer (throws if used without it). */
export function officerOf(req: FastifyRequest): SignedInOfficer {
  if (!req.officer) throw new Error("officerOf used on a route without requireOfficer");
  return req.officer;
}
