import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { deliveryAttempts, notifications, outbox, pakn, paknEvents } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import { audit } from "../officers/audit.js";
import { QUEUES } from "../queue-names.js";

/** Which way an officer asks to tell the citizen again: the channel they wrote on, or a ZNS message to their phone. */
export type ResendRoute = "channel" | "zns";

/** The channels a notification can be sent again on (Open311 and the like have no chat to write to). */
export const RESEND_CHANNELS: ReadonlySet<string> = new Set(["telegram", "zalo", "zalo-bot", "web"]);

/** The attempt outcomes that mean a try is still to come or under way. */
const OPEN_OUTCOMES = ["requested", "sending"];

/** What an officer asks for: which notification of which PAKN, by which route. */
export interface ResendRequest {
  paknId: number;
  notificationId: number;
  route: ResendRoute;
  officerId: number;
  ip?: string;
}

const isDbId = (n: number) => Number.isSafeInteger(n) && n > 0;

/**
 * Records an officer's request to tell the citizen of a step again, in one transaction: the
 * attempt ('requested'), the outbox job the notify worker performs it from (`resend-<attemptId>`)
 * and the audit entry. Refused while another try of the same notification is requested or sending.
 */
export async function requestResend(
  deps: { db: Db; now: () => Date },
  input: ResendRequest,
): Promise<{ attemptId: number }> {
  if (!isDbId(input.paknId) || !isDbId(input.notificationId))
    throw new AppError("not_found", "no such citizen notification");
  if (input.route !== "channel" && input.route !== "zns")
    throw new AppError("bad_request", "unknown resend route", { route: String(input.route).slice(0, 20) });
  const now = deps.now();
  return deps.db.transaction(async (txn) => {
    // The notification row is locked so two officers' requests cannot both pass the check below.
    const [target] = await txn
      .select({ id: notifications.id, code: pakn.code, channel: pakn.channel })
      .from(notifications)
      .innerJoin(paknEvents, eq(paknEvents.id, notifications.eventId))
      .innerJoin(pakn, eq(pakn.id, paknEvents.paknId))
      .where(
        and(
          eq(notifications.id, input.notificationId),
          eq(paknEvents.paknId, input.paknId),
          eq(notifications.audience, "citizen"),
          ne(notifications.status, "skipped"),
        ),
      )
      .for("update", { of: notifications });
    if (!target) throw new AppError("not_found", "no such citizen notification");
    const open = await txn
      .select({ id: deliveryAttempts.id })
      .from(deliveryAttempts)
      .where(
        and(eq(deliveryAttempts.notificationId, target.id), inArray(deliveryAttempts.outcome, OPEN_OUTCOMES)),
      )
      .limit(1);
    if (open.length)
      throw new AppError("conflict", "a try of this notification is already requested or sending");
    const route = input.route === "zns" ? "zns" : target.channel;
    if (input.route === "channel" && !RESEND_CHANNELS.has(route))
      throw new AppError("bad_request", "the citizen's channel cannot be written to", { channel: route });
    const [attempt] = await txn
      .insert(deliveryAttempts)
      .values({
        notificationId: target.id,
        route,
        outcome: "requested",
        actor: `officer:${input.officerId}`,
        createdAt: now,
      })
      .returning({ id: deliveryAttempts.id });
    const attemptId = (attempt as { id: number }).id;
    await txn.insert(outbox).values({
      queue: QUEUES.notify,
      jobId: `resend-${attemptId}`,
      // The outbox keeps the database's clock: the relay and the reconciler's window read it.
      payload: { attemptId },
    });
    await audit(txn as unknown as Db, {
      officerId: input.officerId,
      action: "pakn.resend_notification",
      targetType: "pakn",
      targetId: target.code,
      data: { notificationId: target.id, route },
      ip: input.ip,
    });
    return { attemptId };
  });
}
