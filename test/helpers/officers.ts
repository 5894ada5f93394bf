import { randomBytes } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Db } from "../../db/client.js";
import { createOfficer, toSignedIn } from "../../feedback/officers/officer-repo.js";
import { isProvinceWide, type OfficerRole, type SignedInOfficer } from "../../feedback/officers/roles.js";

/** The agency officer and leader accounts belong to unless a test says otherwise. */
export const DEFAULT_TEST_AGENCY = "so-xay-dung";

/**
 * An active console account of the given role whose password is already its own (no change
 * required at sign-in); officer and leader default to Sở Xây dựng.
 */
export async function createTestOfficer(
  db: Db,
  input: { role: OfficerRole; agencyId?: string; email?: string; name?: string },
): Promise<{ officer: SignedInOfficer; password: string }> {
  const password = `pw-${randomBytes(9).toString("base64url")}`;
  const email = input.email ?? `${input.role}-${randomBytes(4).toString("hex")}@test.gov.vn`;
  const record = await createOfficer(db, {
    email,
    name: input.name ?? `Cán bộ ${input.role}`,
    role: input.role,
    agencyId: isProvinceWide(input.role) ? null : (input.agencyId ?? DEFAULT_TEST_AGENCY),
    password,
    mustChangePassword: false,
  });
  return { officer: toSignedIn(record), password };
}

/** The `name=value` part of a Set-Cookie header for one cookie, if the response sets it. */
export function cookieFrom(res: LightMyRequestResponse, name: string): string | undefined {
  const raw = res.headers["set-cookie"];
  const all = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const found = all.find((c) => c.startsWith(`${name}=`));
  const pair = found?.split(";")[0];
  return pair && pair !== `${name}=` ? pair : undefined;
}

/** The value of the first `_csrf` hidden field of a page. */
export function csrfFrom(body: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
}

/** Posts the sign-in form as a browser would (fetching the form first); returns the raw response. */
export async function postLogin(
  app: FastifyInstance,
  input: { email: string; password: string; next?: string; ip?: string },
): Promise<LightMyRequestResponse> {
  const form = await app.inject({ url: "/officer/login", remoteAddress: input.ip });
  const loginCookie = cookieFrom(form, "motcua_login_csrf") ?? "";
  return app.inject({
    method: "POST",
    url: "/officer/login",
    remoteAddress: input.ip,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: loginCookie },
    payload: new URLSearchParams({
      _csrf: csrfFrom(form.body) ?? "",
      email: input.email,
      password: input.password,
      next: input.next ?? "/officer",
    }).toString(),
  });
}

/**
 * Signs an officer in through the real sign-in form and returns the session cookie (as a
 * `cookie` header value) and the session's CSRF token for forms and `x-csrf-token`.
 */
export async function signInOfficer(
  app: FastifyInstance,
  input: { email: string; password: string },
): Promise<{ cookie: string; csrf: string }> {
  const res = await postLogin(app, input);
  const cookie = cookieFrom(res, "motcua_officer");
  if (res.statusCode !== 303 || !cookie) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const page = await app.inject({ url: "/officer/doi-mat-khau", headers: { cookie } });
  const csrf = csrfFrom(page.body);
  if (!csrf) throw new Error(`no CSRF token on the change-password page: ${page.statusCode}`);
  return { cookie, csrf };
}
