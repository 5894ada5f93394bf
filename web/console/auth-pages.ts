import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { audit } from "../../feedback/officers/audit.js";
import { changePassword } from "../../feedback/officers/change-password.js";
import { deleteSession } from "../../feedback/officers/officer-sessions.js";
import { MIN_PASSWORD_LENGTH } from "../../feedback/officers/password-strength.js";
import { signIn } from "../../feedback/officers/sign-in.js";
import { TRUSTED_DEVICE_DAYS } from "../../feedback/officers/trusted-devices.js";
import { formField } from "../form-body.js";
import { html } from "../html.js";
import { sendPage } from "../layout.js";
import type { SiteDeps } from "../site.js";
import {
  officerOf,
  registerSessionHook,
  requireOfficer,
  SESSION_COOKIE,
  safeNext,
  sameSecret,
  sessionCookieOptions,
} from "./auth-hooks.js";
import { consolePage, csrfField, csrfInput, plainPage } from "./console-layout.js";

/** The sign-in form's double-submit token (there is no session to hold a CSRF token yet). */
const LOGIN_CSRF_COOKIE = "motcua_login_csrf";

/** A browser that signed in before: its guesses are counted apart, so others' guesses never lock it out. */
const DEVICE_COOKIE = "motcua_device";
/**
 * The one answer to every failed sign-in (unknown e-mail, wrong password, disabled account, a
 * guess made too soon after many wrong ones), so the page never tells which e-mails are staff.
 */
const INVALID =
  "Email hoặc mật khẩu không đúng. Nếu đã nhập sai nhiều lần, vui lòng chờ ít phút rồi thử lại.";

function loginForm(input: { token: string; next: string; email?: string; error?: string }): string {
  return plainPage(
    "Đăng nhập cán bộ",
    html`<h1>Đăng nhập bảng điều khiển cán bộ</h1>
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ""}
<form method="post" action="/officer/login" class="stack narrow">
${csrfInput(input.token)}
<input type="hidden" name="next" value="${input.next}">
<label for="email">Email công vụ</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${input.email ?? ""}">
<label for="password">Mật khẩu</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<p><button type="submit">Đăng nhập</button></p>
</form>
<p class="muted">Quên mật khẩu? Vui lòng liên hệ quản trị hệ thống để được cấp mật khẩu dùng một lần.</p>`,
  );
}

function changeForm(req: FastifyRequest, next: string, error?: string): string {
  const officer = officerOf(req);
  const mustChange = req.officerSession?.mustChangePassword ?? false;
  return consolePage(officer, {
    title: "Đổi mật khẩu",
    current: "/officer/doi-mat-khau",
    body: html`<h1>Đổi mật khẩu</h1>
${mustChange ? html`<p class="notice">Bạn đang dùng mật khẩu dùng một lần. Vui lòng đặt mật khẩu mới trước khi làm việc.</p>` : ""}
${error ? html`<p class="error" role="alert">${error}</p>` : ""}
<form method="post" action="/officer/doi-mat-khau" class="stack narrow">
${csrfField(req)}
<input type="hidden" name="next" value="${next}">
<label for="current">Mật khẩu hiện tại</label>
<input id="current" name="current" type="password" autocomplete="current-password" required>
<label for="password">Mật khẩu mới <span class="muted">(ít nhất ${MIN_PASSWORD_LENGTH} ký tự, khó đoán, không chứa tên hay email; nên ghép vài từ ngẫu nhiên)</span></label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<label for="confirm">Nhập lại mật khẩu mới</label>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<p><button type="submit">Lưu mật khẩu mới</button></p>
</form>`,
  });
}

function newLoginToken(reply: FastifyReply, deps: SiteDeps): string {
  const token = randomBytes(18).toString("base64url");
  reply.setCookie(LOGIN_CSRF_COOKIE, token, { ...sessionCookieOptions(deps), path: "/officer/login" });
  return token;
}

function loginToken(req: FastifyRequest, reply: FastifyReply, deps: SiteDeps): string {
  const existing = req.cookies[LOGIN_CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return existing;
  return newLoginToken(reply, deps);
}

/**
 * The officer console's sign-in: form bodies and the session/CSRF hook for /officer and /admin,
 * `GET/POST /officer/login`, `POST /officer/logout`, `GET/POST /officer/doi-mat-khau`.
 */
export async function registerConsoleAuth(app: FastifyInstance, deps: SiteDeps): Promise<void> {
  registerSessionHook(app, deps);
  const signedIn = requireOfficer(deps);

  app.get<{ Querystring: { next?: string; r?: string } }>("/officer/login", async (req, reply) => {
    const next = safeNext(req.query.next);
    if (req.officer) return reply.redirect(next, 303);
    // A link followed from another site (Telegram, e-mail) arrives without the SameSite=Strict
    // cookie; reloading once from our own page sends it, so a signed-in officer is not asked again.
    if (req.headers["sec-fetch-site"] === "cross-site" && !req.query.r) {
      const self = `/officer/login?next=${encodeURIComponent(next)}&r=1`;
      return sendPage(
        reply.header("refresh", `0; url=${self}`),
        plainPage("Đang chuyển trang", html`<p><a href="${self}">Tiếp tục</a></p>`),
      );
    }
    return sendPage(reply, loginForm({ token: loginToken(req, reply, deps), next }));
  });

  app.post("/officer/login", async (req, reply) => {
    const body = req.body;
    const next = safeNext(formField(body, "next"));
    const email = formField(body, "email").trim().slice(0, 200);
    const password = formField(body, "password").slice(0, 500);
    const token = req.cookies[LOGIN_CSRF_COOKIE];
    if (!sameSecret(formField(body, "_csrf"), token)) {
      const fresh = newLoginToken(reply, deps);
      return sendPage(
        reply,
        loginForm({ token: fresh, next, email, error: "Biểu mẫu đã cũ. Vui lòng đăng nhập lại." }),
        403,
      );
    }
    const result = await signIn(
      {
        db: deps.db,
        throttle: { redis: deps.redis, prefix: deps.redisPrefix },
        now: deps.now,
        sessionMaxAgeMs: deps.officerSessionMaxMs,
      },
      { email, password, ip: req.ip, deviceToken: req.cookies[DEVICE_COOKIE] },
    );
    if (!result.ok)
      return sendPage(reply, loginForm({ token: token as string, next, email, error: INVALID }), 401);
    reply.setCookie(SESSION_COOKIE, result.token, sessionCookieOptions(deps));
    if (result.deviceToken)
      reply.setCookie(DEVICE_COOKIE, result.deviceToken, {
        ...sessionCookieOptions(deps),
        path: "/officer/login",
        maxAge: TRUSTED_DEVICE_DAYS * 24 * 3600,
      });
    reply.clearCookie(LOGIN_CSRF_COOKIE, { ...sessionCookieOptions(deps), path: "/officer/login" });
    const target = result.mustChangePassword
      ? `/officer/doi-mat-khau?next=${encodeURIComponent(next)}`
      : next;
    return reply.redirect(target, 303);
  });

  app.post("/officer/logout", async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token && req.officer) {
      await deleteSession({ db: deps.db }, token);
      await audit(deps.db, { officerId: req.officer.id, action: "sign_out", ip: req.ip });
    }
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps));
    return reply.redirect("/officer/login", 303);
  });

  app.get<{ Querystring: { next?: string } }>(
    "/officer/doi-mat-khau",
    { preHandler: signedIn },
    async (req, reply) => sendPage(reply, changeForm(req, safeNext(req.query.next))),
  );

  app.post("/officer/doi-mat-khau", { preHandler: signedIn }, async (req, reply) => {
    const body = req.body;
    const next = safeNext(formField(body, "next"));
    const session = req.officerSession;
    if (!session) throw new Error("change-password post without a session");
    const problem = await changePassword(
      { db: deps.db, throttle: { redis: deps.redis, prefix: deps.redisPrefix }, now: deps.now },
      {
        officerId: session.officer.id,
        sessionId: session.id,
        currentPassword: formField(body, "current"),
        newPassword: formField(body, "password"),
        confirmPassword: formField(body, "confirm"),
        ip: req.ip,
      },
    );
    if (problem) return sendPage(reply, changeForm(req, next, problem), 422);
    return reply.redirect(next, 303);
  });
}
