import { sql } from "drizzle-orm";
import { batchCalls } from "./batch-calls.js";
import type { Db } from "./client.js";
import { perDatabase } from "./per-database.js";

/** How long the first "told" end waits for others to share its statement (a busy worker has many). */
export const TOLD_BATCH_WINDOW_MS = 10;

interface Told {
  notificationId: number;
  route: string;
  at: Date;
}

const writers = perDatabase((db) =>
  batchCalls(
    async (ends: Told[]) => {
      const rows = JSON.stringify(ends.map((t) => ({ id: t.notificationId, route: t.route, at: t.at })));
      await db.execute(sql`
        UPDATE notifications n SET status = 'sent', route = v.route, told_at = v.at, sent_at = v.at
        FROM jsonb_to_recordset(${rows}::jsonb) AS v(id bigint, route text, at timestamptz)
        WHERE n.id = v.id`);
      return ends.map(() => undefined);
    },
    { windowMs: TOLD_BATCH_WINDOW_MS, max: 500 },
  ),
);

/**
 * Records that a claimed citizen notification was told (by `route`, at `at`), sharing one
 * statement with the others told within a few milliseconds: under load the notify path's last
 * write costs a fraction of a round trip. Resolves once the batch is committed; rejects with it.
 */
export function writeTold(db: Db, input: Told): Promise<void> {
  return writers(db)(input);
}
