import { takeWaitingNotifications } from "../../db/citizen-delivery-repo.js";
import type { Db } from "../../db/client.js";
import { type Reply, textReply } from "../../lib/reply.js";
import { findEventWithPakn } from "../pakn-repo.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import { citizenMessage } from "./citizen-message.js";

/** The line before updates the citizen could not be told of when they happened. */
export const WAITING_UPDATES_LEAD = "Có tin mới về phản ánh, kiến nghị bạn đã gửi:";

/**
 * What changed while no route reached the citizen, for the first reply to their next message (or
 * their next visit to the web chat): each waiting notification, oldest first, taken once for all
 * processes; nothing when none waits.
 */
export async function takeWaitingUpdates(
  deps: { db: Db; agencies?: AgencyDirectory; now?: () => Date },
  sender: { channel: string; user: string },
): Promise<Reply[]> {
  const at = deps.now?.() ?? new Date();
  const taken = await takeWaitingNotifications(deps.db, { ...sender, at });
  if (taken.length === 0) return [];
  const replies: Reply[] = [textReply(WAITING_UPDATES_LEAD)];
  for (const { eventId } of taken) {
    const found = await findEventWithPakn(deps.db, eventId);
    if (found) replies.push(citizenMessage(found.event, found.item, deps.agencies));
  }
  return replies;
}
