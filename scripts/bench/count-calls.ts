/**
 * Counts the round trips a process makes: SQL statements (node-postgres `Client.query`, by the
 * statement's opening words) and Redis commands (ioredis `sendCommand`, by name; those sent inside a
 * pipeline or MULTI counted apart). Imported by the benchmark for its own process, and preloaded
 * (`node --import`) into the worker it spawns, which then writes a snapshot to BENCH_COUNTS_FILE
 * every half second and at exit. Nothing here touches the app's code.
 */
import { writeFileSync } from "node:fs";
import { Redis } from "ioredis";
import pg from "pg";

/** Counts since the process started. */
export interface CallCounts {
  sql: Record<string, number>;
  redis: Record<string, number>;
  /** Redis commands that went inside a pipeline or MULTI (one round trip for several). */
  redisPipelined: number;
}

const counts: CallCounts = { sql: {}, redis: {}, redisPipelined: 0 };

/** Keys of the statement texts seen (few distinct ones): the meter must not cost what it measures. */
const keys = new Map<string, string>();

/** What a statement is, for the counts: its first words, literals and numbers blanked. */
export function statementKey(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    key = keyOf(text);
    if (keys.size < 10_000) keys.set(text, key);
  }
  return key;
}

function keyOf(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/'[^']*'/g, "?")
    .replace(/\$\d+/g, "?")
    .slice(0, 80);
}

let installed = false;

/** Starts counting in this process (once). */
export function countCalls(): CallCounts {
  if (installed) return counts;
  installed = true;
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === "string" ? first : (first?.text ?? "");
    const key = statementKey(text);
    counts.sql[key] = (counts.sql[key] ?? 0) + 1;
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  const send = Redis.prototype.sendCommand as (...args: unknown[]) => unknown;
  Redis.prototype.sendCommand = function (this: Redis, ...args: unknown[]) {
    const command = args[0] as { name?: string };
    const name = command?.name ?? "?";
    counts.redis[name] = (counts.redis[name] ?? 0) + 1;
    if (args[1]) counts.redisPipelined += 1;
    return send.apply(this, args);
  } as typeof Redis.prototype.sendCommand;
  return counts;
}

/** A copy of the counts now. */
export function snapshot(): CallCounts {
  return { sql: { ...counts.sql }, redis: { ...counts.redis }, redisPipelined: counts.redisPipelined };
}

const file = process.env.BENCH_COUNTS_FILE;
if (file) {
  countCalls();
  const write = () => writeFileSync(file, JSON.stringify(snapshot()));
  setInterval(write, 500).unref();
  process.on("exit", write);
}
