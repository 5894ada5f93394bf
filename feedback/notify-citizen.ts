import type { Reply } from "../bot/core/types.js";
import type { Db } from "../db/client.js";
import { claimDelivery, sendClaimed, skipDelivery } from "../db/notification-claims.js";
import { findEventWithPakn } from "../db/pakn-repo.js";
import { composeStatusNotification } from "./compose-notification.js";
import { ratingButtons } from "./rating-payload.js";
import type { AgencyDirectory } from "./routing/agencies.js";
import { statusLabel } from "./status-labels.js";
import { supplementButton } from "./supplement-payload.js";

/** Sends replies to a conversation on a channel; false when the channel cannot push (e.g. the web chat). */
export type PushMessage = (channel: string, conversation: string, replies: Reply[]) => Promise<boolean>;

/** What notifying one event did; `busy`: another job is sending it right now (try again later). */
export type NotifyOutcome = "sent" | "already_sent" | "unreachable" | "missing" | "busy" | "skipped";

/**
 * Whether the citizen hears of an event: not of the office's internal steps around the answer (a
 * draft, its approval, a draft sent back to the officer); they hear of the answer when published.
 */
export function tellsCitizen(event: { fromStatus: string | null; toStatus: string }): boolean {
  if (event.toStatus === "answered" || event.toStatus === "approved") return false;
  return !(event.toStatus === "in_progress" && event.fromStatus === "answered");
}

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
  const found = await findEventWithPakn(deps.db, input.eventId);
  if (!found) return "missing";
  const { event, item } = found;
  const delivery = { ledger: "notifications" as const, key: event.id, audience: "citizen" };
  if (!tellsCitizen(event)) {
    await skipDelivery(deps.db, delivery);
    return "skipped";
  }
  const claim = await claimDelivery(deps.db, delivery, deps.claimLeaseMs ?? NOTIFY_CLAIM_LEASE_MS);
  if (claim !== "claimed") return claim;
  const text = composeStatusNotification({
    code: item.code,
    toStatus: event.toStatus,
    statusLabel: statusLabel(event.toStatus),
    note: event.note,
    agencyName: item.agencyId ? (deps.agencies?.get(item.agencyId)?.name ?? null) : null,
    answer: item.answer,
    answerDueAt: item.answerDueAt,
    byCitizen: event.actor.startsWith("citizen:"),
  });
  // A published answer asks the citizen to rate it, 1 to 5, with one button each; a request for
  // more information offers the button that starts the reply.
  const buttons =
    event.toStatus === "published"
      ? ratingButtons(item.code)
      : event.toStatus === "returned"
        ? [supplementButton(item.code)]
        : [];
  return sendClaimed(deps.db, delivery, () =>
    deps.push(item.channel, item.conversation, [{ text, buttons }]),
  );
}
