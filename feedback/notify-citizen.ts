import { and, eq, sql } from "drizzle-orm";
import type { Reply } from "../bot/core/types.js";
import type { Db } from "../db/client.js";
import { notifications, pakn, paknEvents } from "../db/schema.js";
import { composeStatusNotification } from "./compose-notification.js";
import type { AgencyDirectory } from "./routing/agencies.js";
import { statusLabel } from "./status-labels.js";

/** Sends replies to a conversation on a channel; false when the channel cannot push (e.g. the web chat). */
export type PushMessage = (channel: string, conversation: string, replies: Reply[]) => Promise<boolean>;

/** What notifying one event did; `busy`: another job is sending it right now (try again later). */
export type NotifyOutcome = "sent" | "already_sent" | "unreachable" | "missing" | "busy";

/**
 * How long a send in progress keeps its claim: longer than any channel's push with its own retries
 * (a Zalo send: two tries of at most 10 s). A sender that died (SIGKILL) is taken over after it.
 */
export const NOTIFY_CLAIM_LEASE_MS = 30_000;

/**
 * Tells the citizen, on the channel they used, that their PAKN changed state. One notification row
 * per event and audience makes it once-only: the row is claimed ('sending', `sent_at` = when the
 * claim was taken) before the push, so a second job for the same event (a rebuilt or retried job)
 * finds it sent, or busy while the claim is fresh. A push that throws gives the claim back.
 */
export async function notifyCitizen(
  deps: { db: Db; push: PushMessage; agencies?: AgencyDirectory; claimLeaseMs?: number },
  input: { eventId: number },
): Promise<NotifyOutcome> {
  const [found] = await deps.db
    .select({ event: paknEvents, item: pakn })
    .from(paknEvents)
    .innerJoin(pakn, eq(pakn.id, paknEvents.paknId))
    .where(eq(paknEvents.id, input.eventId));
  if (!found) return "missing";
  const { event, item } = found;
  const leaseMs = deps.claimLeaseMs ?? NOTIFY_CLAIM_LEASE_MS;
  // One round trip: create the row claimed, or claim a pending one, or a stale claim of a dead sender.
  const [claimed] = await deps.db
    .insert(notifications)
    .values({ eventId: event.id, audience: "citizen", status: "sending", attempts: 1, sentAt: sql`now()` })
    .onConflictDoUpdate({
      target: [notifications.eventId, notifications.audience],
      set: { status: "sending", attempts: sql`${notifications.attempts} + 1`, sentAt: sql`now()` },
      setWhere: sql`${notifications.status} = 'pending' OR (${notifications.status} = 'sending'
        AND ${notifications.sentAt} < now() - make_interval(secs => ${leaseMs / 1000}))`,
    })
    .returning({ id: notifications.id });
  if (!claimed) {
    const [row] = await deps.db
      .select({ status: notifications.status })
      .from(notifications)
      .where(and(eq(notifications.eventId, event.id), eq(notifications.audience, "citizen")));
    return row?.status === "sending" ? "busy" : "already_sent";
  }
  const text = composeStatusNotification({
    code: item.code,
    toStatus: event.toStatus,
    statusLabel: statusLabel(event.toStatus),
    note: event.note,
    agencyName: item.agencyId ? (deps.agencies?.get(item.agencyId)?.name ?? null) : null,
    answer: item.answer,
    answerDueAt: item.answerDueAt,
  });
  let pushed: boolean;
  try {
    pushed = await deps.push(item.channel, item.conversation, [{ text, buttons: [] }]);
  } catch (err) {
    await deps.db
      .update(notifications)
      .set({ status: "pending" })
      .where(eq(notifications.id, claimed.id))
      .catch(() => undefined);
    throw err;
  }
  const status = pushed ? "sent" : "unreachable";
  await deps.db
    .update(notifications)
    .set({ status, sentAt: sql`now()` })
    .where(eq(notifications.id, claimed.id));
  return status;
}
