import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../../db/client.js";
import { DataDirInUse, LOCK_FILE, lockDataDir } from "../../db/data-dir-lock.js";
import { migrate } from "../../db/migrate.js";

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

async function countPhones(db: Db): Promise<number> {
  const result = (await db.execute(sql`SELECT count(*)::int AS n FROM phones`)) as unknown as {
    rows: { n: number }[];
  };
  return result.rows[0]?.n ?? 0;
}

const deadPid = (): number => {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
};

describe("the embedded database's data directory", () => {
  const root = mkdtempSync(join(tmpdir(), "motcua-datadir-"));
  let umask: number;
  beforeAll(() => {
    // The common default: new files readable by everyone unless the code says otherwise.
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it("keeps every file owner-only, even a directory that was open to others, and lets one process in at a time", async () => {
    const dataDir = join(root, "data");
    mkdirSync(dataDir, { mode: 0o755 });
    writeFileSync(join(dataDir, "notes.txt"), "x", { mode: 0o644 });
    const warnings: string[] = [];
    const database = await openDatabase({ dataDir, warn: (m) => warnings.push(m) });
    await migrate(database);
    await database.db.execute(sql`CREATE TABLE phones (phone text)`);
    await database.db.execute(sql`INSERT INTO phones SELECT '0912345678' FROM generate_series(1, 5000)`);
    await database.db.execute(sql`CHECKPOINT`);
    expect(warnings.join("\n")).toMatch(/owner-only/);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, "pglite")).mode & 0o777).toBe(0o700);
    // While open, after writing: nothing PGlite wrote is open to others.
    expect(openToOthers(join(dataDir, "pglite"))).toEqual([]);

    // A second opening of the same directory (here: in the same process) is refused at once.
    const started = Date.now();
    await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by process \d+/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await countPhones(database.db)).toBe(5000);
    await database.close();
    expect(openToOthers(join(dataDir, "pglite"))).toEqual([]);

    // Closed: the next opening is let in and finds the data.
    const reopened = await openDatabase({ dataDir });
    expect(await countPhones(reopened.db)).toBe(5000);
    await reopened.close();
    expect(openToOthers(join(dataDir, "pglite"))).toEqual([]);
  }, 120_000);

  it("creates a new data directory owner-only", async () => {
    const dataDir = join(root, "fresh", "data");
    const warnings: string[] = [];
    const database = await openDatabase({ dataDir, warn: (m) => warnings.push(m) });
    await migrate(database);
    expect(openToOthers(dataDir)).toEqual([]);
    await database.close();
    expect(openToOthers(dataDir)).toEqual([]);
    expect(warnings).toEqual([]);
  }, 120_000);
});

describe("the data directory lock", () => {
  const root = mkdtempSync(join(tmpdir(), "motcua-lock-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const NOW = Date.parse("2031-03-04T05:06:07Z");
  const dirWithLock = (name: string, holder: Record<string, unknown>, touchedAt = NOW): string => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, LOCK_FILE);
    writeFileSync(file, JSON.stringify({ token: "t", since: "2031-03-04T00:00:00.000Z", ...holder }));
    utimesSync(file, new Date(touchedAt), new Date(touchedAt));
    return dir;
  };

  it("is taken over from a process that died without releasing it", () => {
    const dir = dirWithLock("dead", { pid: deadPid(), host: hostname() });
    const lock = lockDataDir(dir, { now: () => NOW });
    expect(() => lockDataDir(dir, { now: () => NOW })).toThrow(DataDirInUse);
    lock.release();
    lockDataDir(dir, { now: () => NOW }).release();
  });

  it("lets exactly one of several processes racing for a stale lock take it", async () => {
    const dir = dirWithLock("race", { pid: deadPid(), host: hostname() });
    const script = [
      `import { lockDataDir } from ${JSON.stringify(fileURLToPath(new URL("../../db/data-dir-lock.ts", import.meta.url)))};`,
      "try { lockDataDir(process.argv[1]); process.stdout.write('got'); setTimeout(() => {}, 3000); }",
      "catch (err) { process.stdout.write(err.name); }",
    ].join("\n");
    const race = () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, dir]);
        let out = "";
        child.stdout.on("data", (d) => {
          out += d;
        });
        child.on("close", () => resolve(out));
      });
    const outcomes = await Promise.all([race(), race(), race(), race()]);
    expect(outcomes.filter((o) => o === "got")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "DataDirInUse")).toHaveLength(3);
  }, 60_000);

  it("refuses a live holder, and names its pid", () => {
    // The vitest runner that started this worker is alive.
    const dir = dirWithLock("live", { pid: process.ppid, host: hostname() });
    expect(() => lockDataDir(dir, { now: () => NOW })).toThrow(`in use by process ${process.ppid}`);
  });

  it("is taken over from a pid of an earlier boot or another process that got the same pid", () => {
    const rebooted = dirWithLock("rebooted", { pid: process.ppid, host: hostname(), boot: "another-boot" });
    const recycled = dirWithLock("recycled", { pid: process.ppid, host: hostname(), started: "1" });
    const canTell = statSync("/proc/sys/kernel/random/boot_id", { throwIfNoEntry: false }) !== undefined;
    if (!canTell) return;
    lockDataDir(rebooted, { now: () => NOW }).release();
    lockDataDir(recycled, { now: () => NOW }).release();
  });

  it("is taken over from our own pid when this process does not hold it (a container's pid 1 after a crash)", () => {
    const dir = dirWithLock("own-pid", { pid: process.pid, host: hostname() });
    lockDataDir(dir, { now: () => NOW }).release();
  });

  it("trusts another machine's lock while it is kept fresh, and not after a minute without a touch", () => {
    const fresh = dirWithLock("foreign-fresh", { pid: 1, host: "other-host" }, NOW - 20_000);
    expect(() => lockDataDir(fresh, { now: () => NOW })).toThrow(/on other-host/);
    const stale = dirWithLock("foreign-stale", { pid: 1, host: "other-host" }, NOW - 61_000);
    lockDataDir(stale, { now: () => NOW }).release();
  });

  it("is taken over when its content is unreadable, unless it is being written this moment", () => {
    const dir = join(root, "garbage");
    mkdirSync(dir);
    const file = join(dir, LOCK_FILE);
    writeFileSync(file, "");
    utimesSync(file, new Date(NOW - 500), new Date(NOW - 500));
    expect(() => lockDataDir(dir, { now: () => NOW })).toThrow(DataDirInUse);
    writeFileSync(file, "not json");
    utimesSync(file, new Date(NOW - 5_000), new Date(NOW - 5_000));
    lockDataDir(dir, { now: () => NOW }).release();
    expect(readdirSync(dir)).toEqual([]);
  });
});
