import { RecipientUnreachableError } from "../../lib/errors.js";
import type { PushMessage } from "../notify-citizen.js";
import type { PaknEventRow, PaknRow } from "../pakn-repo.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import { citizenMessage } from "./citizen-message.js";

/**
 * Tells the citizen of an event on the channel they used, if it reaches them now: `sent`, or why
 * not (blocked, the window closed, a channel that cannot push). Failures that may pass (the
 * network) are thrown, for the caller to give its claim back and retry.
 */
export async function sendOnChannel(
  deps: { push: PushMessage; agencies?: AgencyDirectory },
  input: { event: PaknEventRow; item: PaknRow },
): Promise<{ sent: true } | { reason: string }> {
  const { event, item } = input;
  try {
    const message = citizenMessage(event, item, deps.agencies);
    const pushed = await deps.push(item.channel, item.conversation, [message], { live: true });
    return pushed ? { sent: true } : { reason: "no_push" };
  } catch (err) {
    if (err instanceof RecipientUnreachableError) return { reason: err.reason };
    throw err;
  }
}
