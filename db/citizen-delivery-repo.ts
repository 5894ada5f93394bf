import { and, eq, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { rowsOf } from "./migrate.js";
import { deliveryAttempts, notifications } from "./schema.js";
import { writeTold } from "./told-batch.js";

/** One try to tell a citizen, as recorded for the console. */
export interface AttemptRecord {
  notificationId: number;
  route: string;
  outcome: "requested" | "sending" | "sent" | "failed";
  reason?: string | null;
  actor: string;
  providerId?: string | null;
  at: Date;
  finishedAt?: Date | null;
}

/** Records a try (a channel push, a ZNS message, a next-contact reply, an officer's resend). */
export async function recordAttempt(db: Db, attempt: AttemptRecord): Promise<number> {
  const [row] = await db
    .insert(deliveryAttempts)
    .values({
      notificationId: attempt.notificationId,
      route: attempt.route,
      outcome: attempt.outcome,
      reason: attempt.reason ?? null,
      actor: attempt.actor,
      providerId: attempt.providerId ?? null,
      createdAt: attempt.at,
      finishedAt:
        attempt.finishedAt ??
        (attempt.outcome === "sent" || attempt.outcome === "failed" ? attempt.at : null),
    })
    .returning({ id: deliveryAttempts.id });
  return row?.id ?? 0;
}

/** How a claimed citizen notification ended: told (by which route, when), or waiting for their next message. */
export type CitizenSettlement =
  | { status: "sent"; route: string; toldAt: Date }
  | { status: "unreachable"; reason: string }
  | { status: "waiting"; reason: string | null; recipient: { channel: string; user: string } };

/** Records the end of a claimed citizen notification (told: batched with others, `writeTold`). */
export async function settleCitizenNotification(
  db: Db,
  notificationId: number,
  end: CitizenSettlement,
): Promise<void> {
  if (end.status === "sent") return writeTold(db, { notificationId, route: end.route, at: end.toldAt });
  const set =
    end.status === "unreachable"
      ? { status: "unreachable", reason: end.reason }
      : {
          status: "waiting",
          reason: end.reason,
          recipientChannel: end.recipient.channel,
          recipientUser: end.recipient.user,
        };
  await db.update(notifications).set(set).where(eq(notifications.id, notificationId));
}

/**
 * Marks a notification told by an officer's resend, unless it was already told (a resend of a
 * told notification leaves the first route and time as they were).
 */
export async function markToldByResend(
  db: Db,
  input: { notificationId: number; route: string; toldAt: Date },
): Promise<void> {
  await db
    .update(notifications)
    .set({ status: "sent", route: input.route, toldAt: input.toldAt, sentAt: input.toldAt })
    .where(and(eq(notifications.id, input.notificationId), sql`${notifications.status} <> 'sent'`));
}

/** A notification that waited for the citizen's next contact and is now theirs to be told. */
export interface TakenNotification {
  notificationId: number;
  eventId: number;
}

/**
 * Takes every notification waiting for this channel identity, in event order, in one statement:
 * each is marked told (`next_contact`, at `at`) and its attempt recorded, so a second message, on
 * any process, finds none (each is told at most once).
 */
export async function takeWaitingNotifications(
  db: Db,
  input: { channel: string; user: string; at: Date },
): Promise<TakenNotification[]> {
  const rows = rowsOf<{ id: number | string; event_id: number | string }>(
    await db.execute(sql`
      WITH taken AS (
        UPDATE notifications SET status = 'sent', route = 'next_contact', told_at = ${input.at}, sent_at = ${input.at}
        WHERE status = 'waiting' AND recipient_channel = ${input.channel} AND recipient_user = ${input.user}
        RETURNING id, event_id
      ), logged AS (
        INSERT INTO delivery_attempts (notification_id, route, outcome, actor, created_at, finished_at)
        SELECT id, 'next_contact', 'sent', 'system', ${input.at}, ${input.at} FROM taken
      )
      SELECT id, event_id FROM taken ORDER BY event_id`),
  );
  return rows.map((r) => ({ notificationId: Number(r.id), eventId: Number(r.event_id) }));
}

/** An officer's resend as stored: which notification, by which route. */
export interface ResendRow {
  attemptId: number;
  notificationId: number;
  eventId: number;
  route: string;
}

/**
 * Claims an officer's requested resend for sending (or one whose sender died more than `leaseMs`
 * ago), so a retried or rebuilt job never sends it twice; undefined when it is done or in hand.
 * While `sending`, `finished_at` holds when the claim was taken (the lease's start); the finish
 * overwrites it with the real end.
 */
export async function claimResend(
  db: Db,
  input: { attemptId: number; leaseMs: number; at: Date },
): Promise<ResendRow | undefined> {
  const [row] = rowsOf<{
    id: number | string;
    notification_id: number | string;
    event_id: number | string;
    route: string;
  }>(
    await db.execute(sql`
      UPDATE delivery_attempts a SET outcome = 'sending', finished_at = ${input.at}
      FROM notifications n
      WHERE a.id = ${input.attemptId} AND n.id = a.notification_id
        AND (a.outcome = 'requested'
          OR (a.outcome = 'sending' AND a.finished_at < ${input.at}::timestamptz - make_interval(secs => ${input.leaseMs / 1000})))
      RETURNING a.id, a.notification_id, n.event_id, a.route`),
  );
  if (!row) return undefined;
  return {
    attemptId: Number(row.id),
    notificationId: Number(row.notification_id),
    eventId: Number(row.event_id),
    route: row.route,
  };
}

/** Whether an attempt exists at all (a resend job for a removed attempt is a permanent failure). */
export async function attemptExists(db: Db, attemptId: number): Promise<boolean> {
  const rows = await db
    .select({ id: deliveryAttempts.id })
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.id, attemptId));
  return rows.length > 0;
}

/** Records how a claimed resend ended, or gives it back (`requested`) for the job's retry. */
export async function finishResend(
  db: Db,
  input: {
    attemptId: number;
    outcome: "sent" | "failed" | "requested";
    reason?: string | null;
    providerId?: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .update(deliveryAttempts)
    .set({
      outcome: input.outcome,
      reason: input.reason ?? null,
      providerId: input.providerId ?? null,
      finishedAt: input.outcome === "requested" ? null : input.at,
    })
    .where(eq(deliveryAttempts.id, input.attemptId));
}
