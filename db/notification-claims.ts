import { sql } from "drizzle-orm";
import { RecipientUnreachableError } from "../lib/errors.js";
import type { Db } from "./client.js";
import { rowsOf } from "./migrate.js";

/**
 * The tables that record deliveries once each, and the column naming what was delivered: a PAKN
 * event (citizen notifications, officer alerts), a deadline reminder or an editor's answer to a
 * follower's unanswered question. All share audience, status,
 * attempts and sent_at, and are unique on (that column, audience).
 */
const LEDGERS = {
  notifications: { table: "notifications", key: "event_id" },
  reminders: { table: "reminder_deliveries", key: "reminder_id" },
  lessons: { table: "kb_notices", key: "follower_id" },
} as const;

/** One delivery: of an event or a reminder (`key`) to one audience (citizen, agency, coordinator). */
export interface Delivery {
  ledger: keyof typeof LEDGERS;
  key: number;
  audience: string;
}

/** What claiming a delivery found: ours to send, already done, or another sender's right now. */
export type ClaimResult = "claimed" | "already_sent" | "busy";

const names = (delivery: Delivery) => {
  const { table, key } = LEDGERS[delivery.ledger];
  return { t: sql.identifier(table), k: sql.identifier(key) };
};

/**
 * Claims a delivery before sending, in one round trip: creates its row as 'sending' (`sent_at` =
 * when the claim was taken), or takes a pending one, or a stale claim of a sender that died. So two
 * jobs for the same thing (a retry, a job rebuilt after a Redis flush) never both send.
 */
export async function claimDelivery(db: Db, delivery: Delivery, leaseMs: number): Promise<ClaimResult> {
  const claim = await claimDeliveryRow(db, delivery, leaseMs);
  return typeof claim === "number" ? "claimed" : claim;
}

/** Like `claimDelivery`, giving the claimed row's id (what its tries are recorded against). */
export async function claimDeliveryRow(
  db: Db,
  delivery: Delivery,
  leaseMs: number,
): Promise<number | Exclude<ClaimResult, "claimed">> {
  const { t, k } = names(delivery);
  const claimed = rowsOf<{ id: number | string }>(
    await db.execute(sql`
      INSERT INTO ${t} (${k}, audience, status, attempts, sent_at)
      VALUES (${delivery.key}, ${delivery.audience}, 'sending', 1, now())
      ON CONFLICT (${k}, audience) DO UPDATE SET status = 'sending', attempts = ${t}.attempts + 1, sent_at = now()
      WHERE ${t}.status = 'pending'
        OR (${t}.status = 'sending' AND ${t}.sent_at < now() - make_interval(secs => ${leaseMs / 1000}))
      RETURNING id`),
  );
  if (claimed[0]) return Number(claimed[0].id);
  const [row] = rowsOf<{ status: string }>(
    await db.execute(
      sql`SELECT status FROM ${t} WHERE ${k} = ${delivery.key} AND audience = ${delivery.audience}`,
    ),
  );
  return row?.status === "sending" ? "busy" : "already_sent";
}

/** Records how a claimed delivery ended: sent, or unreachable (nobody to push to; not retried). */
export async function finishDelivery(
  db: Db,
  delivery: Delivery,
  status: "sent" | "unreachable",
): Promise<void> {
  const { t, k } = names(delivery);
  await db.execute(
    sql`UPDATE ${t} SET status = ${status}, sent_at = now() WHERE ${k} = ${delivery.key} AND audience = ${delivery.audience}`,
  );
}

/** Gives a claim back after a failed push, so the retry sends. */
export async function releaseDelivery(db: Db, delivery: Delivery): Promise<void> {
  const { t, k } = names(delivery);
  await db
    .execute(
      sql`UPDATE ${t} SET status = 'pending' WHERE ${k} = ${delivery.key} AND audience = ${delivery.audience}`,
    )
    .catch(() => undefined);
}

/**
 * Records that a delivery is deliberately not made (an internal step the audience need not hear
 * of), so nothing retries or rebuilds it; a delivery already recorded is left as it is.
 */
export async function skipDelivery(db: Db, delivery: Delivery): Promise<void> {
  const { t, k } = names(delivery);
  await db.execute(sql`
    INSERT INTO ${t} (${k}, audience, status, attempts, sent_at)
    VALUES (${delivery.key}, ${delivery.audience}, 'skipped', 0, NULL)
    ON CONFLICT (${k}, audience) DO NOTHING`);
}

/**
 * Sends a claimed delivery and records the end: `send` says whether it reached anybody; a recipient
 * that cannot be reached is recorded as unreachable; any other failure gives the claim back (and
 * rethrows) so the job's retry sends.
 */
export async function sendClaimed(
  db: Db,
  delivery: Delivery,
  send: () => Promise<boolean>,
): Promise<"sent" | "unreachable"> {
  let status: "sent" | "unreachable";
  try {
    status = (await send()) ? "sent" : "unreachable";
  } catch (err) {
    if (!(err instanceof RecipientUnreachableError)) {
      await releaseDelivery(db, delivery);
      throw err;
    }
    // Blocked, gone or outside the channel's window: another try would not reach them either.
    status = "unreachable";
  }
  await finishDelivery(db, delivery, status);
  return status;
}
