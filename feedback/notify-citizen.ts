import { recordAttempt, settleCitizenNotification } from "../db/citizen-delivery-repo.js";
import type { Db } from "../db/client.js";
import { claimDeliveryRow, releaseDelivery, skipDelivery } from "../db/notification-claims.js";
import type { Reply } from "../lib/reply.js";
import { sendOnChannel } from "./citizen-delivery/channel-route.js";
import { tellsCitizen } from "./citizen-delivery/citizen-message.js";
import type { ZnsSender } from "./citizen-delivery/zns-message.js";
import { sendByZns } from "./citizen-delivery/zns-route.js";
import { type EventWithPakn, findEventWithPakn } from "./pakn-repo.js";
import type { AgencyDirectory } from "./routing/agencies.js";

/**
 * Sends replies to a conversation on a channel; false when the channel cannot push at all. Throws
 * RecipientUnreachableError when this person cannot be reached there now (blocked, outside Zalo's
 * window, or, with `live`, a web chat that is not open).
 */
export type PushMessage = (
  channel: string,
  conversation: string,
  replies: Reply[],
  options?: { live?: boolean },
) => Promise<boolean>;

/**
 * What notifying one event did: `sent` (on their channel or by ZNS), `waiting` (for their next
 * message), `busy` (another job is sending it right now: try again later).
 */
export type NotifyOutcome =
  | "sent"
  | "waiting"
  | "already_sent"
  | "unreachable"
  | "missing"
  | "busy"
  | "skipped";

/** What telling a citizen needs: the database, the channels' push, ZNS when configured, a clock. */
export interface NotifyCitizenDeps {
  db: Db;
  push: PushMessage;
  zns?: ZnsSender;
  agencies?: AgencyDirectory;
  claimLeaseMs?: number;
  now?: () => Date;
}

/**
 * How long a send in progress keeps its claim: longer than any route's tries together (a channel
 * push and a ZNS message, each at most a few tries of 10 s). A sender that died is taken over after it.
 */
export const NOTIFY_CLAIM_LEASE_MS = 60_000;

/**
 * Tells the citizen that their PAKN changed state, once, by the first route that reaches them: the
 * channel they used (within its window), then a ZNS template message to their phone for the steps
 * that matter, else it waits for their next message on that channel. The notification row is
 * claimed before anything is sent, so a retried or rebuilt job finds it told, waiting or busy; every
 * try is recorded with its reason for the console. A channel failure that may pass (the network)
 * gives the claim back for the job's retry. `found` spares the read when the caller has the event,
 * `claimed` the claim when the caller took it with the event (`TransitionInput.notifyInHand`).
 */
export async function notifyCitizen(
  deps: NotifyCitizenDeps,
  input: { eventId: number; found?: EventWithPakn; claimed?: number },
): Promise<NotifyOutcome> {
  const found = input.found ?? (await findEventWithPakn(deps.db, input.eventId));
  if (!found) return "missing";
  const { event, item } = found;
  const delivery = { ledger: "notifications" as const, key: event.id, audience: "citizen" };
  if (!tellsCitizen(event)) {
    if (input.claimed) throw new Error(`event ${event.id} was claimed but tells the citizen nothing`);
    await skipDelivery(deps.db, delivery);
    return "skipped";
  }
  const claim =
    input.claimed ?? (await claimDeliveryRow(deps.db, delivery, deps.claimLeaseMs ?? NOTIFY_CLAIM_LEASE_MS));
  if (typeof claim !== "number") return claim;
  const now = deps.now ?? (() => new Date());
  const tried = (route: string, reason: string) =>
    recordAttempt(deps.db, {
      notificationId: claim,
      route,
      outcome: "failed",
      reason,
      actor: "system",
      at: now(),
    });
  // The first route reaching them needs no try of its own: the row says how and when.
  const told = async (route: string, msgId?: string): Promise<"sent"> => {
    const at = now();
    if (msgId !== undefined)
      await recordAttempt(deps.db, {
        notificationId: claim,
        route,
        outcome: "sent",
        actor: "system",
        providerId: msgId,
        at,
      });
    await settleCitizenNotification(deps.db, claim, { status: "sent", route, toldAt: at });
    return "sent";
  };

  let channel: Awaited<ReturnType<typeof sendOnChannel>>;
  try {
    channel = await sendOnChannel(deps, { event, item });
  } catch (err) {
    await releaseDelivery(deps.db, delivery);
    throw err;
  }
  if ("sent" in channel) return told(item.channel);
  let reason = channel.reason;
  await tried(item.channel, reason);

  const zns = await sendByZns(deps, {
    event,
    item,
    notificationId: claim,
    trackingId: `n${claim}`,
    withRating: true,
  });
  if ("msgId" in zns) return told("zns", zns.msgId);
  if (!zns.skipped) {
    await tried("zns", zns.reason);
    reason = zns.reason;
  }
  if (channel.reason === "no_push") {
    // No chat to come back to (a PAKN filed through Open311): they follow it by its code.
    await settleCitizenNotification(deps.db, claim, { status: "unreachable", reason });
    return "unreachable";
  }
  await settleCitizenNotification(deps.db, claim, {
    status: "waiting",
    reason,
    recipient: { channel: item.channel, user: item.channelUser },
  });
  return "waiting";
}
