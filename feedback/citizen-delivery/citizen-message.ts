import type { Reply } from "../../lib/reply.js";
import { composeStatusNotification } from "../compose-notification.js";
import type { PaknEventRow, PaknRow } from "../pakn-repo.js";
import { ratingButtons } from "../rating-payload.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import { statusLabel } from "../status-labels.js";
import { supplementButton } from "../supplement-payload.js";
import { formatVnDate } from "../vn-date.js";
import type { ZnsFields, ZnsStep } from "./zns-message.js";

/**
 * Whether the citizen hears of an event: not of the office's internal steps around the answer (a
 * draft, its approval, a draft sent back to the officer); they hear of the answer when published.
 */
export function tellsCitizen(event: { fromStatus: string | null; toStatus: string }): boolean {
  if (event.toStatus === "answered" || event.toStatus === "approved") return false;
  return !(event.toStatus === "in_progress" && event.fromStatus === "answered");
}

/** The agency's name, when the PAKN has one the directory knows. */
const agencyNameOf = (item: PaknRow, agencies?: AgencyDirectory) =>
  item.agencyId ? (agencies?.get(item.agencyId)?.name ?? null) : null;

/**
 * The chat message a citizen gets for an event: the text, with the 1–5 rating buttons under a
 * published answer and the button that starts the reply under a request for more information.
 */
export function citizenMessage(event: PaknEventRow, item: PaknRow, agencies?: AgencyDirectory): Reply {
  const text = composeStatusNotification({
    code: item.code,
    toStatus: event.toStatus,
    statusLabel: statusLabel(event.toStatus),
    note: event.note,
    agencyName: agencyNameOf(item, agencies),
    answer: item.answer,
    answerDueAt: item.answerDueAt,
    // The citizen's own step after the receipt: their supplement, confirmed rather than echoed.
    byCitizen: event.fromStatus !== null && event.actor.startsWith("citizen:"),
  });
  const buttons =
    event.toStatus === "published"
      ? ratingButtons(item.code)
      : event.toStatus === "returned"
        ? [supplementButton(item.code)]
        : [];
  return { text, buttons };
}

/**
 * The ZNS template an event is worth (received with the tracking code, returned for more
 * information, the published answer); other steps wait for the citizen's next message instead.
 */
export function znsStepOf(event: PaknEventRow): ZnsStep | undefined {
  if (event.toStatus === "received" && event.fromStatus === null) return "received";
  if (event.actor.startsWith("citizen:")) return undefined;
  if (event.toStatus === "returned" || event.toStatus === "published") return event.toStatus;
  return undefined;
}

/** The values a ZNS template may show, from the event and its PAKN (the configuration picks). */
export function znsFields(event: PaknEventRow, item: PaknRow, agencies?: AgencyDirectory): ZnsFields {
  return {
    code: item.code,
    name: item.contactName,
    status: statusLabel(event.toStatus),
    agency: agencyNameOf(item, agencies) ?? "",
    receivedDate: formatVnDate(item.receivedAt),
    answerDueDate: formatVnDate(item.answerDueAt),
    note: event.note?.trim() ?? "",
    answer: item.answer?.trim() ?? "",
  };
}
