import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { AppError } from "../lib/errors.js";

/** The lock file's name inside DATA_DIR. */
export const LOCK_FILE = "pglite.lock";

/** How often a holder touches its lock, so another machine sharing the directory can tell it is alive. */
const HEARTBEAT_MS = 10_000;
/** A lock from another machine that has not been touched for this long was left by a crash. */
const FOREIGN_STALE_MS = 60_000;
/** A half-done takeover (its guard file) older than this was left by a crash. */
const GUARD_STALE_MS = 10_000;
/** An unreadable lock younger than this may still be being written. */
const JUST_WRITTEN_MS = 2_000;
const ATTEMPTS = 50;

/** Who holds the lock: enough to tell a live holder from a dead one on this machine or another. */
interface Holder {
  pid: number;
  host: string;
  /** Linux boot id: a lock from before a reboot is stale whatever its pid. */
  boot?: string;
  /** Linux process start time (clock ticks since boot): a recycled pid is not the holder. */
  started?: string;
  token: string;
  since: string;
}

/** An exclusive hold on a data directory's embedded database; release it after closing the database. */
export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** Raised when another process (usually the running server) has the embedded database open. */
export class DataDirInUse extends AppError {
  constructor(dataDir: string, holder: Holder | undefined) {
    const who = holder
      ? `process ${holder.pid}${holder.host === hostname() ? "" : ` on ${holder.host}`} since ${holder.since}`
      : "another process";
    super(
      "unavailable",
      `The embedded database in ${dataDir} is in use by ${who} (a running motcua server or another ` +
        "motcua command). Two processes must never open it at once: that corrupts it. Stop the server " +
        "(Ctrl-C where it runs) and run this command again, or do this in the officer console while the " +
        "server runs. To run commands beside a running server, use a PostgreSQL server (set DATABASE_URL).",
      { pid: holder?.pid },
    );
    this.name = "DataDirInUse";
  }
}

/** Options for tests: the clock, and what this process looks like. */
export interface LockOptions {
  now?: () => number;
}

const held = new Map<string, DataDirLock>();
let exitHookInstalled = false;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}

function procStartTime(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  // Field 22; the command name (field 2) may hold spaces, so count from its closing parenthesis.
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

const bootId = (): string | undefined => readText("/proc/sys/kernel/random/boot_id");

function parseHolder(text: string | undefined): Holder | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Holder;
    return Number.isSafeInteger(value.pid) && typeof value.host === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the lock's holder may still have the database open (when unsure: yes, unless it stopped touching the lock). */
function holderAlive(path: string, holder: Holder | undefined, now: number): boolean {
  if (!holder) {
    // Unreadable: left half-written by a crash, unless it is being written this very moment.
    try {
      return now - statSync(path).mtimeMs < JUST_WRITTEN_MS;
    } catch {
      return false;
    }
  }
  if (holder.host !== hostname()) {
    try {
      return now - statSync(path).mtimeMs < FOREIGN_STALE_MS;
    } catch {
      return false;
    }
  }
  const boot = bootId();
  if (holder.boot && boot && holder.boot !== boot) return false;
  // Our own pid: held by this very process, or left by an earlier life with the same pid (pid 1 in a container).
  if (holder.pid === process.pid) return held.has(path);
  if (!pidAlive(holder.pid)) return false;
  const started = procStartTime(holder.pid);
  return !(holder.started && started && started !== holder.started);
}

/** Creates the lock file with its content in one step (link fails when it exists), so nobody reads it half-written. */
function tryCreate(path: string, content: string): boolean {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temporary, content, { mode: 0o600 });
  try {
    linkSync(temporary, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    // A file system without hard links: exclusive create, then write (a reader may see it empty for a moment).
    try {
      writeFileSync(path, content, { flag: "wx", mode: 0o600 });
      return true;
    } catch (fallback) {
      if ((fallback as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw fallback;
    }
  } finally {
    unlinkSync(temporary);
  }
}

/**
 * Removes a stale lock unless someone replaced it meanwhile: under a guard file, so two processes
 * breaking the same stale lock cannot both go on to hold it.
 */
function breakStale(path: string, staleText: string | undefined, now: number): void {
  const guard = `${path}.break`;
  if (!tryCreate(guard, String(process.pid))) {
    try {
      if (now - statSync(guard).mtimeMs > GUARD_STALE_MS) unlinkSync(guard);
    } catch {
      // gone meanwhile
    }
    return;
  }
  try {
    if (readText(path) === staleText) unlinkSync(path);
  } catch {
    // gone meanwhile
  } finally {
    unlinkSync(guard);
  }
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Takes the exclusive lock on the embedded database in `dataDir` (a file holding our pid), or
 * throws DataDirInUse at once when a live process holds it; a lock left by a dead or killed
 * process is taken over. The lock is released by `release()` or when the process exits.
 */
export function lockDataDir(dataDir: string, options: LockOptions = {}): DataDirLock {
  const now = options.now ?? Date.now;
  const path = join(dataDir, LOCK_FILE);
  const mine: Holder = {
    pid: process.pid,
    host: hostname(),
    boot: bootId(),
    started: procStartTime(process.pid),
    token: randomBytes(8).toString("hex"),
    since: new Date(now()).toISOString(),
  };
  const content = JSON.stringify(mine);
  let holder: Holder | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (tryCreate(path, content)) return hold(path, mine.token);
    const text = readText(path);
    if (text === undefined) continue;
    holder = parseHolder(text);
    if (holderAlive(path, holder, now())) throw new DataDirInUse(dataDir, holder);
    breakStale(path, text, now());
    if (attempt > 0) pause(20);
  }
  throw new DataDirInUse(dataDir, holder);
}

function hold(path: string, token: string): DataDirLock {
  const heartbeat = setInterval(() => {
    try {
      const at = new Date();
      utimesSync(path, at, at);
    } catch {
      // the directory went away; nothing to keep alive
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const lock: DataDirLock = {
    path,
    release: () => {
      clearInterval(heartbeat);
      if (held.get(path) !== lock) return;
      held.delete(path);
      // Only our own lock: never one another process took over meanwhile.
      if (parseHolder(readText(path))?.token === token) unlinkSync(path);
    },
  };
  held.set(path, lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const each of [...held.values()]) each.release();
    });
  }
  return lock;
}
