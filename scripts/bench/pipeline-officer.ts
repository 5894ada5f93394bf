import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { transitionPakn } from "../../feedback/pakn-repo.js";
import { startLoop } from "../../lib/stoppable-loop.js";

/** The officer's reason, which the citizen is told (on the channel, or as the ZNS template's `note`). */
export const RETURN_NOTE = "Đề nghị bổ sung bản chụp giấy tờ liên quan và địa chỉ cụ thể nơi xảy ra sự việc.";

/** An officer at work during a phase; `stop()` ends the rounds and says how many PAKN were returned. */
export interface ReturningOfficer {
  stop(): Promise<number>;
}

/**
 * Plays an officer who asks citizens for more information: every `intervalMs`, each PAKN of chats
 * `<tag>-…` that was assigned and whose citizen already heard of it (told or waiting) is returned
 * with a note, the step a province sends a ZNS template for. So the bench's citizens get a second
 * notification that may go by ZNS when the chat cannot be reached.
 */
export function startReturningOfficer(
  db: Db,
  tag: string,
  options: { intervalMs?: number; batch?: number } = {},
): ReturningOfficer {
  const intervalMs = options.intervalMs ?? 500;
  const batch = options.batch ?? 200;
  let returned = 0;

  const round = async (): Promise<"pause"> => {
    const rows = rowsOf<{ id: string | number }>(
      await db.execute(sql`
        SELECT p.id FROM pakn p
        WHERE p.conversation LIKE ${`${tag}-%`} AND p.status = 'assigned'
          AND EXISTS (
            SELECT 1 FROM pakn_events e JOIN notifications n ON n.event_id = e.id AND n.audience = 'citizen'
            WHERE e.pakn_id = p.id AND e.to_status = 'assigned' AND n.status IN ('sent', 'waiting'))
        ORDER BY p.id LIMIT ${batch}`),
    );
    for (const row of rows) {
      if (loop.stopped) return "pause";
      await transitionPakn(db, {
        paknId: Number(row.id),
        to: "returned",
        actor: "officer:bench",
        note: RETURN_NOTE,
      });
      returned++;
    }
    return "pause";
  };

  const loop = startLoop(round, intervalMs);
  return {
    async stop() {
      await loop.stop();
      return returned;
    },
  };
}
