import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import type { Db } from "./client.js";

/** What a raw statement returns through Drizzle's session (rows, row count …). */
type Raw = Awaited<ReturnType<Db["execute"]>>;

/** The parts of Drizzle's database object that turn SQL into a prepared query (public, underscored). */
interface DrizzleInternals {
  dialect: { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } };
  _: {
    session: {
      prepareQuery(
        query: { sql: string; params: unknown[] },
        fields: undefined,
        name: string,
        isResponseInArrayMode: boolean,
      ): { execute(): Promise<Raw> };
    };
  };
}

const names = new Map<string, string>();

/** A statement's name: the hash of its text, so two texts never share one (the server refuses that). */
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `s${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    if (names.size < 1_000) names.set(text, name);
  }
  return name;
}

/**
 * Runs a raw statement as a named prepared statement: PostgreSQL parses it once per connection
 * (and may keep its plan), which matters for the hot statements of the PAKN pipeline that are
 * built from CTEs. PGlite runs it as any other statement.
 */
export function executeNamed(db: Db, query: SQL): Promise<Raw> {
  const inner = db as unknown as DrizzleInternals;
  const built = inner.dialect.sqlToQuery(query);
  return inner._.session.prepareQuery(built, undefined, nameOf(built.sql), false).execute();
}
