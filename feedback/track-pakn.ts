import type { Db } from "../db/client.js";
import type { PaknAttachment } from "../db/schema.js";
import { findPaknByCode, listPaknBySender, type PaknRow, paknHistory } from "./pakn-repo.js";
import { kindLabel, statusLabel } from "./status-labels.js";
import { parseTrackingCode } from "./tracking-code.js";

/** A channel identity asking about a PAKN. */
export interface PaknSender {
  channel: string;
  user: string;
}

/** One change of state, as anyone with the code may see it. */
export interface PublicHistoryEntry {
  status: string;
  statusLabel: string;
  at: Date;
}

/** What anyone holding the code may see: no name, phone, address or content. */
export interface PublicPaknView {
  code: string;
  kind: string;
  kindLabel: string;
  status: string;
  statusLabel: string;
  receivedAt: Date;
  answerDueAt: Date;
  history: PublicHistoryEntry[];
}

/** What only the submitter's own channel identity sees on top of the public view. */
export interface PrivatePaknDetails {
  content: string;
  place: string | null;
  procedureCode: string | null;
  attachments: number;
  contact: { name: string; phone: string; address: string };
  /** Officers' notes on the changes of state (reasons for a transfer, a return …), oldest first. */
  notes: { at: Date; note: string }[];
  /** The answer, once it has been approved and published. */
  answer: string | null;
}

/** A tracked PAKN: the public view, and the private details only for its submitter. */
export interface TrackedPakn {
  view: PublicPaknView;
  own: boolean;
  details?: PrivatePaknDetails;
}

/** One line of a citizen's own list. */
export interface OwnPaknItem {
  code: string;
  kindLabel: string;
  statusLabel: string;
  receivedAt: Date;
  answerDueAt: Date;
}

const isSender = (row: PaknRow, sender: PaknSender) =>
  row.channel === sender.channel && row.channelUser === sender.user;

/**
 * Looks a PAKN up by its tracking code (as typed: "pakn.20261122.12" works): status and history for
 * anyone with the code, content and contact only for the channel identity that sent it.
 */
export async function trackPakn(
  deps: { db: Db },
  input: { code: string; sender: PaknSender },
): Promise<TrackedPakn | undefined> {
  const code = parseTrackingCode(input.code);
  if (!code) return undefined;
  const row = await findPaknByCode(deps.db, code);
  if (!row) return undefined;
  const events = await paknHistory(deps.db, row.id);
  const view: PublicPaknView = {
    code: row.code,
    kind: row.kind,
    kindLabel: kindLabel(row.kind),
    status: row.status,
    statusLabel: statusLabel(row.status),
    receivedAt: row.receivedAt,
    answerDueAt: row.answerDueAt,
    history: events.map((e) => ({
      status: e.toStatus,
      statusLabel: statusLabel(e.toStatus),
      at: e.createdAt,
    })),
  };
  if (!isSender(row, input.sender)) return { view, own: false };
  const attachments = (row.attachments ?? []) as PaknAttachment[];
  return {
    view,
    own: true,
    details: {
      content: row.content,
      place: row.place,
      procedureCode: row.procedureCode,
      attachments: attachments.length,
      contact: { name: row.contactName, phone: row.contactPhone, address: row.contactAddress },
      notes: events.filter((e) => e.note).map((e) => ({ at: e.createdAt, note: e.note as string })),
      answer: row.status === "published" ? row.answer : null,
    },
  };
}

/** The PAKN a channel identity sent, newest first (at most `limit`). */
export async function listOwnPakn(deps: { db: Db }, sender: PaknSender, limit = 10): Promise<OwnPaknItem[]> {
  const rows = await listPaknBySender(deps.db, sender, limit);
  return rows.map((row) => ({
    code: row.code,
    kindLabel: kindLabel(row.kind),
    statusLabel: statusLabel(row.status),
    receivedAt: row.receivedAt,
    answerDueAt: row.answerDueAt,
  }));
}
