import { and, eq, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { notifications } from "./schema.js";

/** One delivery of an event to one audience (citizen, agency, coordinator). */
export interface Delivery {
  eventId: number;
  audience: string;
}

/** What claiming a delivery found: ours to send, already done, or another sender's right now. */
export type ClaimResult = "claimed" | "already_sent" | "busy";

/**
 * Claims a delivery before sending, in one round trip: creates its row as 'sending' (`sent_at` =
 * when the claim was taken), or takes a pending one, or a stale claim of a sender that died. So two
 * jobs for the same event (a retry, a job rebuilt after a Redis flush) never both send.
 */
export async function claimDelivery(db: Db, delivery: Delivery, leaseMs: number): Promise<ClaimResult> {
  const [claimed] = await db
    .insert(notifications)
    .values({ ...delivery, status: "sending", attempts: 1, sentAt: sql`now()` })
    .onConflictDoUpdate({
      target: [notifications.eventId, notifications.audience],
      set: { status: "sending", attempts: sql`${notifications.attempts} + 1`, sentAt: sql`now()` },
      setWhere: sql`${notifications.status} = 'pending' OR (${notifications.status} = 'sending'
        AND ${notifications.sentAt} < now() - make_interval(secs => ${leaseMs / 1000}))`,
    })
    .returning({ id: notifications.id });
  if (claimed) return "claimed";
  const [row] = await db
    .select({ status: notifications.status })
    .from(notifications)
    .where(and(eq(notifications.eventId, delivery.eventId), eq(notifications.audience, delivery.audience)));
  return row?.status === "sending" ? "busy" : "already_sent";
}

/** Records how a claimed delivery ended: sent, or unreachable (nobody to push to; not retried). */
export async function finishDelivery(
  db: Db,
  delivery: Delivery,
  status: "sent" | "unreachable",
): Promise<void> {
  await db
    .update(notifications)
    .set({ status, sentAt: sql`now()` })
    .where(and(eq(notifications.eventId, delivery.eventId), eq(notifications.audience, delivery.audience)));
}

/** Gives a claim back after a failed push, so the retry sends. */
export async function releaseDelivery(db: Db, delivery: Delivery): Promise<void> {
  await db
    .update(notifications)
    .set({ status: "pending" })
    .where(and(eq(notifications.eventId, delivery.eventId), eq(notifications.audience, delivery.audience)))
    .catch(() => undefined);
}
