import { and, eq, sql } from "drizzle-orm";
import type { Reply } from "../bot/core/types.js";
import type { Db } from "../db/client.js";
import { notifications, pakn, paknEvents } from "../db/schema.js";
import { composeStatusNotification } from "./compose-notification.js";
import type { AgencyDirectory } from "./routing/agencies.js";
import { statusLabel } from "./status-labels.js";

/** Sends replies to a conversation on a channel; false when the channel cannot push (e.g. the web chat). */
export type PushMessage = (channel: string, conversation: string, replies: Reply[]) => Promise<boolean>;

/** What notifying one event did. */
export type NotifyOutcome = "sent" | "already_sent" | "unreachable" | "missing";

/**
 * Tells the citizen, on the channel they used, that their PAKN changed state. One notification row
 * per event and audience makes it once-only: a retried or rebuilt job finds it sent and stops.
 */
export async function notifyCitizen(
  deps: { db: Db; push: PushMessage; agencies?: AgencyDirectory },
  input: { eventId: number },
): Promise<NotifyOutcome> {
  const [found] = await deps.db
    .select({ event: paknEvents, item: pakn })
    .from(paknEvents)
    .innerJoin(pakn, eq(pakn.id, paknEvents.paknId))
    .where(eq(paknEvents.id, input.eventId));
  if (!found) return "missing";
  const { event, item } = found;
  await deps.db
    .insert(notifications)
    .values({ eventId: event.id, audience: "citizen", status: "pending" })
    .onConflictDoNothing();
  const [row] = await deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.eventId, event.id), eq(notifications.audience, "citizen")));
  if (!row) return "missing";
  if (row.status === "sent" || row.status === "unreachable") return "already_sent";
  const text = composeStatusNotification({
    code: item.code,
    toStatus: event.toStatus,
    statusLabel: statusLabel(event.toStatus),
    note: event.note,
    agencyName: item.agencyId ? (deps.agencies?.get(item.agencyId)?.name ?? null) : null,
    answer: item.answer,
    answerDueAt: item.answerDueAt,
  });
  await deps.db
    .update(notifications)
    .set({ attempts: sql`${notifications.attempts} + 1` })
    .where(eq(notifications.id, row.id));
  const pushed = await deps.push(item.channel, item.conversation, [{ text, buttons: [] }]);
  const status = pushed ? "sent" : "unreachable";
  await deps.db.update(notifications).set({ status, sentAt: sql`now()` }).where(eq(notifications.id, row.id));
  return status;
}
