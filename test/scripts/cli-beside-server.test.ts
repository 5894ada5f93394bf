import { type ChildProcess, spawn } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import { runScript } from "../helpers/run-script.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Spawns `node --import tsx FILE ARGS` in the project (a server, left running), collecting its output. */
function spawnTsx(
  file: string,
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
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

/** Runs one of our CLIs as an operator would, killing it if it hangs. */
function runCli(script: string, args: string[], env: Record<string, string>, timeoutMs = 60_000) {
  return runScript(script, args, { env, timeoutMs });
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

const exitCode = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });

/** Every path under `dir` (itself included) that a group or other user could read, write or enter. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.mode & 0o077) found.push(`${(stat.mode & 0o777).toString(8)} ${path}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return found;
}

/** Signs in through the real HTTP server as a browser would: the form first (CSRF cookie and field), then the post. */
async function signIn(base: string, email: string, password: string): Promise<Response> {
  const form = await fetch(`${base}/officer/login`);
  const cookie = (form.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  return fetch(`${base}/officer/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ _csrf: csrf, email, password }),
    signal: AbortSignal.timeout(20_000),
  });
}

describe("the CLIs beside a running server on embedded PGlite", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "motcua-beside-"));
  const workDir = mkdtempSync(join(tmpdir(), "motcua-beside-files-"));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  it("refuses at once while the server runs, leaves the server working, and works once it stops or was killed", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn", DATABASE_URL: "" };
    const cliEnv = { DATA_DIR: dataDir, DATABASE_URL: "" };
    const few = join(workDir, "few.jsonl");
    const lines = gunzipSync(readFileSync(BUNDLED_PROCEDURES_FILE)).toString("utf8").split("\n");
    writeFileSync(few, `${lines.slice(0, 2).join("\n")}\n`);

    // An operator's usual umask, and an uploads directory someone made readable by everyone.
    const umask = process.umask(0o022);
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, "uploads"), { mode: 0o755 });
    const server = spawnTsx("app/main.ts", ["all"], env);
    process.umask(umask);
    children.push(server.child);
    await waitForHealth(`${base}/healthz`, 120_000);
    // Password hashes, phones and photos: nothing under DATA_DIR is open to other users.
    expect(openToOthers(dataDir)).toEqual([]);
    expect(server.output()).toContain("uploads was open to other users (mode 755); made it owner-only");

    const refused = await runCli(
      "create-officer.ts",
      ["--email", "admin@tinh.gov.vn", "--role", "admin"],
      cliEnv,
    );
    expect(refused.code).not.toBe(0);
    expect(refused.code).not.toBeNull();
    expect(refused.ms).toBeLessThan(20_000);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/in use by process \d+/);
    expect(refused.stderr).toContain("Stop the server");
    expect(refused.stderr).toContain("DATABASE_URL");
    const imported = await runCli("kb-import.ts", [few], cliEnv);
    expect(imported.code).not.toBe(0);
    expect(imported.code).not.toBeNull();
    expect(imported.stderr).toMatch(/in use by process \d+/);
    const exported = await runCli("kb-export.ts", [], cliEnv);
    expect(exported.code).not.toBe(0);
    expect(exported.stderr).toMatch(/in use by process \d+/);

    // A second server on the same data directory is refused the same way.
    const second = spawnTsx("app/main.ts", ["all"], { ...env, PORT: String(await freePort()) });
    children.push(second.child);
    expect(await exitCode(second.child)).toBe(1);
    expect(second.output()).toMatch(
      /motcua failed to start: The embedded database .* is in use by process \d+/,
    );
    expect(second.output()).not.toMatch(/\n\s+at /);

    // The server still answers, from its database too: a sign-in with an unknown account is refused politely.
    expect(await waitForHealth(`${base}/healthz`, 5_000)).toMatchObject({ status: "ok", database: "ok" });
    const unknown = await signIn(base, "khong-co@tinh.gov.vn", "sai-mat-khau-1234");
    expect(unknown.status).toBeLessThan(500);
    server.child.kill("SIGINT");
    expect(await exitCode(server.child)).toBe(0);

    // Stopped: the CLI works, once (the unique e-mail holds).
    const created = await runCli(
      "create-officer.ts",
      ["--email", "admin@tinh.gov.vn", "--role", "admin"],
      cliEnv,
    );
    expect(created.code).toBe(0);
    const password = created.stdout.trim();
    const twice = await runCli(
      "create-officer.ts",
      ["--email", "admin@tinh.gov.vn", "--role", "admin"],
      cliEnv,
    );
    expect(twice.code).toBe(3);

    // The account is there after a restart and signs in.
    const again = spawnTsx("app/main.ts", ["all"], env);
    children.push(again.child);
    await waitForHealth(`${base}/healthz`, 120_000);
    const login = await signIn(base, "admin@tinh.gov.vn", password);
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toMatch(/^\/officer\/doi-mat-khau/);

    // A server killed outright leaves its lock behind; it does not block the next command.
    again.child.kill("SIGKILL");
    await exitCode(again.child);
    const afterKill = await runCli("kb-import.ts", [few, "--json"], cliEnv);
    expect(afterKill.code).toBe(0);
    expect(JSON.parse(afterKill.stdout)).toMatchObject({ read: 2 });
  }, 400_000);
});
