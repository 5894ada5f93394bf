import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { notifications, pakn, paknEvents } from "../db/schema.js";
import { composeOfficerAlert, type OfficerAlertKind } from "./compose-officer-alert.js";
import type { NotifyOutcome, PushMessage } from "./notify-citizen.js";
import type { AgencyDirectory } from "./routing/agencies.js";
import { SendLater } from "./send-later.js";

/** Where officers are reached: a Telegram chat per agency id, and the coordinator's chat. */
export interface OfficerChats {
  agencies: Readonly<Record<string, string>>;
  coordinator?: string;
}

/** What alerting officers needs; `channel` is the channel their chats are on (Telegram). */
export interface OfficerAlertDeps {
  db: Db;
  push: PushMessage;
  chats: OfficerChats;
  agencies?: AgencyDirectory;
  channel?: string;
}

/**
 * How long a send in progress keeps its claim on a delivery row; a sender that died is taken over
 * after it (longer than a Telegram push with its retries).
 */
export const OFFICER_CLAIM_LEASE_MS = 30_000;

/**
 * Claims the delivery of one event to one audience before sending: creates the row as 'sending',
 * or takes a pending one, or a stale claim of a dead sender. Another sender in hand makes the job
 * wait (SendLater); a finished delivery answers "already_sent".
 */
async function claimNotification(
  db: Db,
  eventId: number,
  audience: string,
): Promise<"claimed" | "already_sent"> {
  const [claimed] = await db
    .insert(notifications)
    .values({ eventId, audience, status: "sending", attempts: 1, sentAt: sql`now()` })
    .onConflictDoUpdate({
      target: [notifications.eventId, notifications.audience],
      set: { status: "sending", attempts: sql`${notifications.attempts} + 1`, sentAt: sql`now()` },
      setWhere: sql`${notifications.status} = 'pending' OR (${notifications.status} = 'sending'
        AND ${notifications.sentAt} < now() - make_interval(secs => ${OFFICER_CLAIM_LEASE_MS / 1000}))`,
    })
    .returning({ id: notifications.id });
  if (claimed) return "claimed";
  const [row] = await db
    .select({ status: notifications.status })
    .from(notifications)
    .where(and(eq(notifications.eventId, eventId), eq(notifications.audience, audience)));
  if (row?.status === "sending") throw new SendLater(OFFICER_CLAIM_LEASE_MS / 6);
  return "already_sent";
}

/** Gives a claim back after a failed push, so the retry sends. */
async function releaseNotification(db: Db, eventId: number, audience: string): Promise<void> {
  await db
    .update(notifications)
    .set({ status: "pending" })
    .where(and(eq(notifications.eventId, eventId), eq(notifications.audience, audience)))
    .catch(() => undefined);
}

/** Whether any officer chat is configured (no chat: nothing to do, no query made). */
export function hasOfficerChats(chats: OfficerChats): boolean {
  return Boolean(chats.coordinator) || Object.keys(chats.agencies).length > 0;
}

/** An agency's chat, or the coordinator's when the agency has none (so an assignment is never silent). */
export function agencyChat(
  chats: OfficerChats,
  agencyId: string | null,
): { chat?: string; fallback: boolean } {
  const own = agencyId ? chats.agencies[agencyId] : undefined;
  if (own) return { chat: own, fallback: false };
  return { chat: chats.coordinator, fallback: Boolean(chats.coordinator) };
}

/**
 * Tells officers about an event that needs them: an assignment goes to the agency's chat
 * (audience `agency`), a PAKN left for triage to the coordinator's (audience `coordinator`). One
 * notification row per event and audience makes it once-only, as for citizens. Other events
 * concern no officer ("not_applicable").
 */
export async function notifyOfficers(
  deps: OfficerAlertDeps,
  input: { eventId: number },
): Promise<NotifyOutcome | "not_applicable"> {
  const [found] = await deps.db
    .select({ event: paknEvents, item: pakn })
    .from(paknEvents)
    .innerJoin(pakn, eq(pakn.id, paknEvents.paknId))
    .where(eq(paknEvents.id, input.eventId));
  if (!found) return "missing";
  const { event, item } = found;
  let alert: OfficerAlertKind;
  let audience: string;
  let target: { chat?: string; fallback: boolean };
  if (event.toStatus === "assigned") {
    alert = "assigned";
    audience = "agency";
    target = agencyChat(deps.chats, item.agencyId);
  } else if (event.toStatus === "classified" && event.data?.triage === true) {
    alert = "triage";
    audience = "coordinator";
    target = { chat: deps.chats.coordinator, fallback: false };
  } else {
    return "not_applicable";
  }
  const claim = await claimNotification(deps.db, event.id, audience);
  if (claim !== "claimed") return claim;
  let status: "sent" | "unreachable" = "unreachable";
  try {
    if (target.chat) {
      const agencyId = event.toStatus === "assigned" ? item.agencyId : null;
      const text = composeOfficerAlert({
        alert,
        code: item.code,
        kind: item.kind,
        content: item.content,
        status: event.toStatus,
        agencyName: agencyId ? (deps.agencies?.get(agencyId)?.name ?? agencyId) : null,
        answerDueAt: item.answerDueAt,
        forAgencyWithoutChat: target.fallback,
      });
      const pushed = await deps.push(deps.channel ?? "telegram", target.chat, [{ text, buttons: [] }]);
      status = pushed ? "sent" : "unreachable";
    }
  } catch (err) {
    await releaseNotification(deps.db, event.id, audience);
    throw err;
  }
  await deps.db
    .update(notifications)
    .set({ status, sentAt: sql`now()` })
    .where(and(eq(notifications.eventId, event.id), eq(notifications.audience, audience)));
  return status;
}
