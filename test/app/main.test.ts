import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "app/main.ts", "all"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  return { child, output: () => out };
}

async function waitForHealth(url: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return (await res.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no healthy answer from ${url}`);
}

const exitCode = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on("exit", resolve));

describe("the server process (embedded PGlite)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "motcua-main-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("loads the bundled knowledge base on first start, stops cleanly on Ctrl-C, and keeps its data", async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "info", DATABASE_URL: "" };
    const first = start(env);
    const health = await waitForHealth(`http://127.0.0.1:${port}/healthz`, 90_000);
    expect(health).toMatchObject({ status: "ok", database: "ok", procedures: 2642 });
    expect(first.output()).toContain(`http://localhost:${port}/chat`);
    expect(first.output()).toContain("loaded the bundled knowledge base");
    first.child.kill("SIGINT");
    expect(await exitCode(first.child)).toBe(0);
    expect(first.output()).toContain("stopped cleanly");

    const second = start(env);
    expect(await waitForHealth(`http://127.0.0.1:${port}/healthz`, 60_000)).toMatchObject({
      procedures: 2642,
    });
    expect(second.output()).not.toContain("loaded the bundled knowledge base");
    second.child.kill("SIGTERM");
    expect(await exitCode(second.child)).toBe(0);
  }, 180_000);

  it("refuses to start with an invalid configuration and lists every problem", async () => {
    const bad = start({ PORT: "abc", REDIS_URL: "nope", DATA_DIR: dataDir });
    expect(await exitCode(bad.child)).toBe(2);
    expect(bad.output()).toContain("PORT");
    expect(bad.output()).toContain("REDIS_URL");
  });
});
