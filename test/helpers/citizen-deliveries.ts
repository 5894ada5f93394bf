import type { Db } from "../../db/client.js";
import { deliveryAttempts, notifications } from "../../db/schema.js";

/** A notification row as a test states it (the notify worker's outcome, written straight in). */
export interface SeedNotification {
  eventId: number;
  audience?: string;
  status: string;
  route?: string | null;
  reason?: string | null;
  toldAt?: Date | null;
}

/** Stores a notification of one PAKN event and returns its id. */
export async function seedNotification(db: Db, input: SeedNotification): Promise<number> {
  const [row] = await db
    .insert(notifications)
    .values({
      eventId: input.eventId,
      audience: input.audience ?? "citizen",
      status: input.status,
      route: input.route ?? null,
      reason: input.reason ?? null,
      toldAt: input.toldAt ?? null,
    })
    .returning({ id: notifications.id });
  if (!row) throw new Error("notification not stored");
  return row.id;
}

/** Stores one try of a notification and returns its id. */
export async function seedAttempt(
  db: Db,
  input: {
    notificationId: number;
    route: string;
    outcome: string;
    reason?: string | null;
    actor?: string;
    createdAt: Date;
    finishedAt?: Date | null;
  },
): Promise<number> {
  const [row] = await db
    .insert(deliveryAttempts)
    .values({
      notificationId: input.notificationId,
      route: input.route,
      outcome: input.outcome,
      reason: input.reason ?? null,
      actor: input.actor ?? "system",
      createdAt: input.createdAt,
      finishedAt: input.finishedAt ?? null,
    })
    .returning({ id: deliveryAttempts.id });
  if (!row) throw new Error("attempt not stored");
  return row.id;
}
