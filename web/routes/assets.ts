import { readdirSync, readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";

const TYPES: Record<string, string> = {
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
};

/** `GET /assets/:name`: the pages' stylesheets and scripts, read once at start and cached by browsers. */
export function registerAssets(app: FastifyInstance): void {
  const dir = new URL("../assets/", import.meta.url);
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[name.split(".").pop() ?? ""];
    if (type) files.set(name, { body: readFileSync(new URL(name, dir)), type });
  }
  app.get<{ Params: { name: string } }>("/assets/:name", (req, reply) => {
    const file = files.get(req.params.name);
    if (!file) return reply.code(404).type("text/plain; charset=utf-8").send("Không tìm thấy");
    return reply.type(file.type).header("cache-control", "public, max-age=300").send(file.body);
  });
}
