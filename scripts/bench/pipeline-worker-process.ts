import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A worker process of the real app (`app/main.ts worker`), as an operator would run it. */
export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it wrote: its logs at LOG_LEVEL (stdout) and the start banner (stderr). */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

/** ZNS for the worker: the fake's root (also the OA's API and OAuth roots) and the templates' JSON. */
export interface WorkerZnsEnv {
  apiRoot: string;
  /** ZALO_ZNS_TEMPLATES. */
  templates: string;
  /** The OA's access token ZNS sends with. */
  accessToken: string;
}

/** What the worker is pointed at: its database, its Redis (a db number of its own) and the fake Zalo API. */
export interface WorkerEnv {
  databaseUrl: string;
  redisUrl: string;
  zaloApiRoot: string;
  zaloToken: string;
  /** Set: ZNS on, through the Zalo OA settings, against a fake; unset: ZNS and the OA off. */
  zns?: WorkerZnsEnv;
  logLevel?: string;
  /** Set: the worker counts its SQL statements and Redis commands into this file (count-calls.ts). */
  countsFile?: string;
}

/** The environment that turns ZNS on (and with it the OA whose token ZNS uses), or turns both off. */
function znsEnv(zns: WorkerZnsEnv | undefined): Record<string, string> {
  if (!zns) return { ZALO_ACCESS_TOKEN: "", ZALO_ZNS_TEMPLATES: "" };
  return {
    ZALO_APP_ID: "3000000002",
    ZALO_OA_SECRET_KEY: "pipeline-bench-oa-secret",
    ZALO_ACCESS_TOKEN: zns.accessToken,
    ZALO_REFRESH_TOKEN: "",
    ZALO_API_ROOT: zns.apiRoot,
    ZALO_OAUTH_ROOT: zns.apiRoot,
    ZALO_ZNS_API_ROOT: zns.apiRoot,
    ZALO_ZNS_TEMPLATES: zns.templates,
  };
}

/** Starts `app/main.ts worker` and resolves once it says it is running (rejects if it exits first or after `timeoutMs`). */
export async function startWorkerProcess(env: WorkerEnv, timeoutMs = 60_000): Promise<WorkerProcess> {
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of the worker when it exits.
  const profile = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const counting = env.countsFile ? ["--import", "./scripts/bench/count-calls.ts"] : [];
  const child = spawn(
    process.execPath,
    [...profile, "--import", "tsx", ...counting, "app/main.ts", "worker"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        LOG_LEVEL: env.logLevel ?? "warn",
        DATABASE_URL: env.databaseUrl,
        REDIS_URL: env.redisUrl,
        TELEGRAM_BOT_TOKEN: "",
        ...znsEnv(env.zns),
        ZALO_BOT_TOKEN: env.zaloToken,
        ZALO_BOT_WEBHOOK_SECRET: "pipeline-bench-secret",
        ZALO_BOT_API_ROOT: env.zaloApiRoot,
        PUBLIC_URL: "",
        BENCH_COUNTS_FILE: env.countsFile ?? "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let err = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker did not start:\n${err.slice(-2000)}`)),
      timeoutMs,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
      if (err.includes("is running")) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} before it started:\n${err.slice(-2000)}`));
    });
  });
  return {
    child,
    output: () => err,
    exited,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}
