import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { rowsOf } from "./migrate.js";

/** The sequence that numbers one Viet Nam day's tracking codes (`day` is YYYYMMDD). */
export function daySequenceName(day: string): string {
  if (!/^\d{8}$/.test(day)) throw new Error(`not a code day: ${day}`);
  return `pakn_code_${day}`;
}

/** Days whose sequence this process has made sure of (or is making sure of), per database. */
const ensured = new WeakMap<Db, Map<string, Promise<void>>>();

/** PostgreSQL's error code of a failed query (Drizzle wraps the driver's error as the cause). */
export function pgErrorCode(err: unknown): string | undefined {
  const own = (err as { code?: unknown })?.code;
  if (typeof own === "string") return own;
  const cause = (err as { cause?: { code?: unknown } })?.cause?.code;
  return typeof cause === "string" ? cause : undefined;
}

/**
 * Makes sure the day's code sequence exists, starting after every number of that day already
 * handed out (by codes stored, or by the counter table earlier versions used). A sequence never
 * waits for another transaction's commit, so confirmations do not queue behind each other's disk
 * flush the way a counter row's lock made them; a number is lost only when a statement fails.
 */
export function ensureDaySequence(db: Db, day: string): Promise<void> {
  const known = ensured.get(db) ?? new Map<string, Promise<void>>();
  ensured.set(db, known);
  let done = known.get(day);
  if (!done) {
    done = createDaySequence(db, day);
    known.set(day, done);
    // A failure is not remembered: the next confirmation tries again.
    done.catch(() => known.delete(day));
  }
  return done;
}

async function createDaySequence(db: Db, day: string): Promise<void> {
  const name = daySequenceName(day);
  const [last] = rowsOf<{ last: number | string | null }>(
    await db.execute(sql`
      SELECT GREATEST(
        (SELECT max(split_part(code, '.', 3)::bigint) FROM pakn WHERE code LIKE ${`PAKN.${day}.%`}),
        (SELECT last FROM pakn_code_counters WHERE day = ${day}),
        0) AS last`),
  );
  const start = Number(last?.last ?? 0) + 1;
  try {
    await db.execute(sql.raw(`CREATE SEQUENCE IF NOT EXISTS ${name} START WITH ${start}`));
  } catch (err) {
    // Two processes creating it at once: the other one won, which is what we wanted.
    const code = pgErrorCode(err);
    if (code !== "23505" && code !== "42P07") throw err;
  }
}

/** Forgets what this process knew (a sequence dropped under it); the next use checks again. */
export function forgetDaySequence(db: Db, day: string): void {
  ensured.get(db)?.delete(day);
}
