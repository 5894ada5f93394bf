import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { perDatabase } from "./per-database.js";

/** How long the first "told" end waits for others to share its statement (a busy worker has many). */
export const TOLD_BATCH_WINDOW_MS = 10;

/** Most ends written by one statement. */
const TOLD_BATCH_MAX = 500;

interface Told {
  id: number;
  route: string;
  at: string;
  resolve(): void;
  reject(err: unknown): void;
}

/** One process's writer for one database: ends wait here for their batch's statement. */
function toldWriter(db: Db): (id: number, route: string, at: Date) => Promise<void> {
  let waiting: Told[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = async () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    const rows = JSON.stringify(batch.map(({ id, route, at }) => ({ id, route, at })));
    try {
      await db.execute(sql`
        UPDATE notifications n SET status = 'sent', route = v.route, told_at = v.at, sent_at = v.at
        FROM jsonb_to_recordset(${rows}::jsonb) AS v(id bigint, route text, at timestamptz)
        WHERE n.id = v.id`);
      for (const told of batch) told.resolve();
    } catch (err) {
      for (const told of batch) told.reject(err);
    }
  };
  return (id, route, at) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ id, route, at: at.toISOString(), resolve, reject });
      if (waiting.length >= TOLD_BATCH_MAX) void flush();
      else timer ??= setTimeout(() => void flush(), TOLD_BATCH_WINDOW_MS);
    });
}

const writers = perDatabase(toldWriter);

/**
 * Records that a claimed citizen notification was told (by `route`, at `at`), sharing one
 * statement with the others told within a few milliseconds: under load the notify path's last
 * write costs a fraction of a round trip. Resolves once the batch is committed; rejects with it.
 */
export function writeTold(db: Db, input: { notificationId: number; route: string; at: Date }): Promise<void> {
  return writers(db)(input.notificationId, input.route, input.at);
}
