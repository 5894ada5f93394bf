import type { FastifyInstance } from "fastify";

/** A signed-in console user as the HTTP tests drive it. */
export interface Session {
  cookie: string;
  csrf: string;
}

/** GETs a console URL with the session cookie. */
export function getAs(app: FastifyInstance, session: Session, url: string) {
  return app.inject({ url, headers: { cookie: session.cookie } });
}

/** POSTs a console form as a browser would (the session's CSRF token included unless `csrf: false`). */
export function postForm(
  app: FastifyInstance,
  session: Session,
  url: string,
  fields: Record<string, string> = {},
  options: { csrf?: boolean } = {},
) {
  const body = new URLSearchParams(options.csrf === false ? fields : { _csrf: session.csrf, ...fields });
  return app.inject({
    method: "POST",
    url,
    headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: body.toString(),
  });
}

/** The flash cookie a redirect set, to carry to the next GET like a browser. */
export function withFlash(session: Session, setCookie: string | string[] | undefined): Session {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const flash = all.find((c) => c.startsWith("motcua_flash="))?.split(";")[0];
  return flash ? { ...session, cookie: `${session.cookie}; ${flash}` } : session;
}
