import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { deliveryAttempts, notifications, officers, paknEvents } from "../../db/schema.js";

/** One try to tell the citizen of a step: which route, how it ended, why, and who asked for it. */
export interface DeliveryAttempt {
  id: number;
  /** A channel's name, `zns` or `next_contact`. */
  route: string;
  /** requested, sending, sent, failed. */
  outcome: string;
  reason: string | null;
  /** `system` or `officer:<id>`. */
  actor: string;
  /** The name of the officer who asked for it, when an officer did (and the account still exists). */
  officerName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** How the citizen was (or was not yet) told of one step of their PAKN. */
export interface CitizenDelivery {
  notificationId: number;
  eventId: number;
  /** The status the PAKN moved to in this step. */
  step: string;
  stepAt: Date;
  /** pending, sending, sent, waiting, unreachable. */
  status: string;
  /** How it reached them, once sent: a channel's name, `zns` or `next_contact`. */
  route: string | null;
  /** Why the last route tried did not reach them. */
  reason: string | null;
  toldAt: Date | null;
  attempts: DeliveryAttempt[];
}

/** The statuses of a citizen notification that nobody managed to deliver (yet). */
export const UNTOLD_STATUSES = ["waiting", "unreachable"] as const;

/** Whether a delivery's status means the citizen has not heard of the step. */
export function isUntold(status: string): boolean {
  return (UNTOLD_STATUSES as readonly string[]).includes(status);
}

/**
 * How each step of a PAKN reached the citizen, in event order, with every try made (internal steps
 * the citizen is not told of are left out); two queries whatever the number of steps.
 */
export async function citizenDeliveries(
  deps: { db: Db },
  input: { paknId: number },
): Promise<CitizenDelivery[]> {
  const rows = await deps.db
    .select({
      notificationId: notifications.id,
      eventId: paknEvents.id,
      step: paknEvents.toStatus,
      stepAt: paknEvents.createdAt,
      status: notifications.status,
      route: notifications.route,
      reason: notifications.reason,
      toldAt: notifications.toldAt,
    })
    .from(notifications)
    .innerJoin(paknEvents, eq(paknEvents.id, notifications.eventId))
    .where(
      and(
        eq(paknEvents.paknId, input.paknId),
        eq(notifications.audience, "citizen"),
        ne(notifications.status, "skipped"),
      ),
    )
    .orderBy(asc(paknEvents.id), asc(notifications.id));
  if (rows.length === 0) return [];
  const attempts = await deps.db
    .select({
      id: deliveryAttempts.id,
      notificationId: deliveryAttempts.notificationId,
      route: deliveryAttempts.route,
      outcome: deliveryAttempts.outcome,
      reason: deliveryAttempts.reason,
      actor: deliveryAttempts.actor,
      officerName: officers.name,
      createdAt: deliveryAttempts.createdAt,
      finishedAt: deliveryAttempts.finishedAt,
    })
    .from(deliveryAttempts)
    .leftJoin(officers, sql`${deliveryAttempts.actor} = concat('officer:', ${officers.id})`)
    .where(
      inArray(
        deliveryAttempts.notificationId,
        rows.map((r) => r.notificationId),
      ),
    )
    .orderBy(asc(deliveryAttempts.id));
  const byNotification = new Map<number, DeliveryAttempt[]>();
  for (const { notificationId, ...attempt } of attempts) {
    const list = byNotification.get(notificationId) ?? [];
    list.push(attempt);
    byNotification.set(notificationId, list);
  }
  return rows.map((r) => ({ ...r, attempts: byNotification.get(r.notificationId) ?? [] }));
}

/**
 * Which of the given PAKN have a step the citizen has not heard of (waiting or unreachable): one
 * indexed query over a page of the inbox, so the inbox list can mark them.
 */
export async function untoldPaknIds(deps: { db: Db }, input: { paknIds: number[] }): Promise<Set<number>> {
  if (input.paknIds.length === 0) return new Set();
  const rows = await deps.db
    .selectDistinct({ paknId: paknEvents.paknId })
    .from(paknEvents)
    .innerJoin(notifications, eq(notifications.eventId, paknEvents.id))
    .where(
      and(
        inArray(paknEvents.paknId, input.paknIds),
        eq(notifications.audience, "citizen"),
        inArray(notifications.status, [...UNTOLD_STATUSES]),
      ),
    );
  return new Set(rows.map((r) => r.paknId));
}
