import {
  attemptExists,
  claimResend,
  finishResend,
  markToldByResend,
} from "../../db/citizen-delivery-repo.js";
import { NOTIFY_CLAIM_LEASE_MS, type NotifyCitizenDeps } from "../notify-citizen.js";
import { findEventWithPakn } from "../pakn-repo.js";
import { sendOnChannel } from "./channel-route.js";
import { sendByZns } from "./zns-route.js";

/** What an officer's resend did: `done` when another job already finished it. */
export type ResendOutcome = "sent" | "failed" | "done" | "missing";

/**
 * Sends a notification again by the route an officer chose (the citizen's channel, or ZNS with its
 * own tracking id: a deliberate second message), once however often the job runs: the requested
 * try is claimed first. A refusal is recorded with its reason; a failure that may pass gives the
 * claim back and throws for the job's retry. A notification not yet told becomes told by this route.
 */
export async function runResend(
  deps: NotifyCitizenDeps,
  input: { attemptId: number },
): Promise<ResendOutcome> {
  const now = deps.now ?? (() => new Date());
  const claim = await claimResend(deps.db, {
    attemptId: input.attemptId,
    leaseMs: deps.claimLeaseMs ?? NOTIFY_CLAIM_LEASE_MS,
    at: now(),
  });
  if (!claim) return (await attemptExists(deps.db, input.attemptId)) ? "done" : "missing";
  const found = await findEventWithPakn(deps.db, claim.eventId);
  if (!found) return "missing";
  const { event, item } = found;
  const finish = async (outcome: "sent" | "failed", extra: { reason?: string; providerId?: string } = {}) => {
    const at = now();
    await finishResend(deps.db, { attemptId: claim.attemptId, outcome, at, ...extra });
    if (outcome === "sent")
      await markToldByResend(deps.db, {
        notificationId: claim.notificationId,
        route: claim.route,
        toldAt: at,
      });
    return outcome;
  };

  if (claim.route === "zns") {
    const sent = await sendByZns(deps, {
      event,
      item,
      notificationId: claim.notificationId,
      trackingId: `r${claim.attemptId}`,
    });
    return "msgId" in sent
      ? finish("sent", { providerId: sent.msgId })
      : finish("failed", { reason: sent.reason });
  }
  let channel: Awaited<ReturnType<typeof sendOnChannel>>;
  try {
    channel = await sendOnChannel(deps, { event, item });
  } catch (err) {
    await finishResend(deps.db, { attemptId: claim.attemptId, outcome: "requested", at: now() });
    throw err;
  }
  return "sent" in channel ? finish("sent") : finish("failed", { reason: channel.reason });
}
