import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { Redis } from "ioredis";
import type { Db } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { type CallCounts, snapshot } from "./count-calls.js";
import { redisCpuMs } from "./redis-cpu.js";

/** Clock ticks per second of /proc's CPU times (Linux: 100). */
const TICKS_PER_S = 100;

/** A process's CPU time so far in ms (user + system), from /proc; 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command name: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

async function backendCpu(db: Db, dbName: string): Promise<Map<number, number>> {
  const rows = rowsOf<{ pid: number }>(
    await db.execute(sql`SELECT pid FROM pg_stat_activity WHERE datname = ${dbName}`),
  );
  return new Map(rows.map((r) => [Number(r.pid), processCpuMs(Number(r.pid))]));
}

function readCounts(file: string): CallCounts {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as CallCounts;
  } catch {
    return { sql: {}, redis: {}, redisPipelined: 0 };
  }
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function delta(after: CallCounts, before: CallCounts): CallCounts {
  const minus = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(a)
        .map(([k, v]) => [k, v - (b[k] ?? 0)])
        .filter(([, v]) => Number(v) > 0),
    );
  return {
    sql: minus(after.sql, before.sql),
    redis: minus(after.redis, before.redis),
    redisPipelined: after.redisPipelined - before.redisPipelined,
  };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The most frequent keys, per PAKN. */
const top = (counts: Record<string, number>, per: number, n: number) =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .slice(0, n)
    .map(([key, count]) => ({ key, perPakn: round(count / per) }));

/** What the pipeline cost per PAKN over one phase: round trips by process, CPU by process. */
export interface CostReport {
  pakn: number;
  perPakn: {
    sqlStatements: { submit: number; worker: number };
    redisCommands: { submit: number; worker: number; workerPipelinedShare: number };
    cpuMs: { worker: number; postgres: number; redis: number; bench: number };
  };
  workerStatements: { key: string; perPakn: number }[];
  workerRedisCommands: { key: string; perPakn: number }[];
}

/**
 * Measures a phase's cost: the worker's SQL statements and Redis commands (counted inside it by
 * count-calls.ts), the submissions' own (counted in this process around the load), and the CPU of
 * the worker, the database's backends for the bench database, Redis (the whole server: keep the
 * machine quiet) and this process. Ratios per PAKN hold across machines where rates do not.
 */
export async function startCostMeter(deps: {
  db: Db;
  dbName: string;
  redis: Redis;
  workerPid: number;
  countsFile: string;
}): Promise<{
  submitting(): () => void;
  stop(pakn: number): Promise<CostReport>;
}> {
  const worker0 = readCounts(deps.countsFile);
  const workerCpu0 = processCpuMs(deps.workerPid);
  const backends0 = await backendCpu(deps.db, deps.dbName);
  const redis0 = await redisCpuMs(deps.redis);
  const bench0 = process.cpuUsage();
  let submit: CallCounts = { sql: {}, redis: {}, redisPipelined: 0 };
  return {
    submitting() {
      const before = snapshot();
      return () => {
        submit = delta(snapshot(), before);
      };
    },
    async stop(pakn) {
      // The worker writes its counts every half second: wait for a fresh snapshot.
      await new Promise((resolve) => setTimeout(resolve, 600));
      const worker = delta(readCounts(deps.countsFile), worker0);
      const backends = await backendCpu(deps.db, deps.dbName);
      let postgres = 0;
      for (const [pid, ms] of backends) postgres += ms - (backends0.get(pid) ?? 0);
      const bench = process.cpuUsage(bench0);
      const per = Math.max(1, pakn);
      const workerRedis = total(worker.redis);
      return {
        pakn,
        perPakn: {
          sqlStatements: { submit: round(total(submit.sql) / per), worker: round(total(worker.sql) / per) },
          redisCommands: {
            submit: round(total(submit.redis) / per),
            worker: round(workerRedis / per),
            workerPipelinedShare: round(worker.redisPipelined / Math.max(1, workerRedis)),
          },
          cpuMs: {
            worker: round((processCpuMs(deps.workerPid) - workerCpu0) / per),
            postgres: round(postgres / per),
            redis: round(((await redisCpuMs(deps.redis)) - redis0) / per),
            bench: round((bench.user + bench.system) / 1000 / per),
          },
        },
        workerStatements: top(worker.sql, per, 15),
        workerRedisCommands: top(worker.redis, per, 10),
      };
    },
  };
}
