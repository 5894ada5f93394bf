import { recordAttempt } from "../../db/citizen-delivery-repo.js";
import type { Db } from "../../db/client.js";
import { RecipientUnreachableError } from "../../lib/errors.js";
import type { PaknEventRow, PaknRow } from "../pakn-repo.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import { toZnsPhone } from "../vn-phone.js";
import { znsFields, znsStepOf } from "./citizen-message.js";
import type { ZnsSender } from "./zns-message.js";

/** What the ZNS route needs. */
export interface ZnsRouteDeps {
  db: Db;
  zns?: ZnsSender;
  agencies?: AgencyDirectory;
  now?: () => Date;
}

/**
 * Sends an event's ZNS template to the phone the citizen gave, with `trackingId` (the
 * notification's, so Zalo can tell a retry from a new message); with `withRating`, after a
 * published answer the rating template too, recorded as its own try. `skipped`: ZNS is not set up
 * for this step (the caller goes on without recording a try).
 */
export async function sendByZns(
  deps: ZnsRouteDeps,
  input: {
    event: PaknEventRow;
    item: PaknRow;
    notificationId: number;
    trackingId: string;
    withRating?: boolean;
  },
): Promise<{ msgId: string } | { reason: string; skipped?: boolean }> {
  const { zns } = deps;
  const step = znsStepOf(input.event);
  if (!zns) return { reason: "zns_off", skipped: true };
  if (!step || !zns.steps.has(step)) return { reason: "zns_no_template", skipped: true };
  const phone = toZnsPhone(input.item.contactPhone);
  if (!phone) return { reason: "zns_invalid_phone" };
  const fields = znsFields(input.event, input.item, deps.agencies);
  const reasonOf = (err: unknown) =>
    err instanceof RecipientUnreachableError ? err.reason : "zns_unavailable";
  let msgId: string;
  try {
    ({ msgId } = await zns.send({ step, phone, fields, trackingId: input.trackingId }));
  } catch (err) {
    return { reason: reasonOf(err) };
  }
  if (input.withRating && step === "published" && zns.steps.has("rating")) {
    // The rating question is its own message; the answer has reached them whatever becomes of it.
    const rating = await zns
      .send({ step: "rating", phone, fields, trackingId: `${input.trackingId}-rating` })
      .then(
        (sent) => ({ outcome: "sent" as const, providerId: sent.msgId }),
        (err) => ({ outcome: "failed" as const, reason: reasonOf(err) }),
      );
    await recordAttempt(deps.db, {
      notificationId: input.notificationId,
      route: "zns-rating",
      actor: "system",
      at: (deps.now ?? (() => new Date()))(),
      ...rating,
    });
  }
  return { msgId };
}
