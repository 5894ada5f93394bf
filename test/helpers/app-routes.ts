import type { FastifyInstance } from "fastify";

/** One registered route: its method and URL pattern (`:name` params, `*` wildcard). */
export interface AppRoute {
  method: string;
  url: string;
}

const LINE = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/u;

/**
 * Every route of a ready Fastify app, read from the app itself (`printRoutes` without common
 * prefixes: each line a path segment under its parent, with its methods); HEAD is left out, Fastify
 * derives it from GET.
 */
export function routesOf(app: FastifyInstance): AppRoute[] {
  const stack: string[] = [];
  const routes: AppRoute[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const m = LINE.exec(line.trimEnd());
    if (!m) continue;
    const depth = (m[1] ?? "").length / 4;
    const segment = m[2] ?? "";
    const parent = depth === 0 ? "" : (stack[depth - 1] ?? "");
    const url =
      depth === 0
        ? segment
        : `${parent}${parent.endsWith("/") || segment.startsWith("/") ? "" : "/"}${segment}`;
    stack[depth] = url;
    stack.length = depth + 1;
    for (const method of (m[3] ?? "").split(",").map((s) => s.trim()))
      if (method && method !== "HEAD") routes.push({ method, url });
  }
  return routes;
}
