import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { claimDelivery, sendClaimed } from "../db/notification-claims.js";
import { composeOfficerAlert, type OfficerAlertKind } from "./compose-officer-alert.js";
import type { NotifyOutcome, PushMessage } from "./notify-citizen.js";
import { type EventWithPakn, findEventWithPakn } from "./pakn-repo.js";
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

/** Who hears of an event and as what; undefined for events that concern no officer. */
interface AlertPlan {
  alert: OfficerAlertKind;
  audience: "agency" | "coordinator";
  target: { chat?: string; fallback: boolean };
  /** The agency the alert names. */
  agencyId: string | null;
}

function alertPlan(
  chats: OfficerChats,
  event: { toStatus: string; data: Record<string, unknown> | null },
  item: { agencyId: string | null },
): AlertPlan | undefined {
  const forAgency = (alert: OfficerAlertKind, agencyId: string | null): AlertPlan => ({
    alert,
    audience: "agency",
    target: agencyChat(chats, agencyId),
    agencyId,
  });
  const coordinator = (alert: OfficerAlertKind): AlertPlan => ({
    alert,
    audience: "coordinator",
    target: { chat: chats.coordinator, fallback: false },
    agencyId: null,
  });
  if (event.toStatus === "assigned") return forAgency("assigned", item.agencyId);
  if (event.toStatus === "in_progress" && event.data?.supplement === true)
    return forAgency("supplemented", item.agencyId);
  if (event.toStatus === "classified" && event.data?.triage === true) return coordinator("triage");
  if (event.toStatus === "transferred") {
    // The receiving agency is told at once (it accepts in the console); no agency: back to triage.
    const to = typeof event.data?.toAgency === "string" ? event.data.toAgency : null;
    return to ? forAgency("transferred", to) : coordinator("transferred");
  }
  return undefined;
}

/**
 * The events `alertPlan` tells officers of, as a SQL test of the `pakn_events` row named `event`
 * (the reconciler rebuilds their jobs); keep the two together.
 */
export function alertsOfficersSql(event: string): SQL {
  const e = sql.identifier(event);
  return sql`(${e}.to_status IN ('assigned', 'transferred')
    OR (${e}.to_status = 'classified' AND ${e}.data->>'triage' = 'true')
    OR (${e}.to_status = 'in_progress' AND ${e}.data->>'supplement' = 'true'))`;
}

const NO_CHATS: OfficerChats = { agencies: {} };

/** Whether an event tells officers of something (what `alertsOfficersSql` tests in SQL). */
export function alertsOfficers(event: { toStatus: string; data: Record<string, unknown> | null }): boolean {
  return alertPlan(NO_CHATS, event, { agencyId: null }) !== undefined;
}

/**
 * Tells officers about an event that needs them: an assignment, a transfer or a citizen's
 * supplement goes to the agency's chat (audience `agency`), a PAKN left for triage to the coordinator's (audience `coordinator`). One
 * notification row per event and audience makes it once-only, as for citizens. Other events
 * concern no officer ("not_applicable").
 */
export async function notifyOfficers(
  deps: OfficerAlertDeps,
  input: { eventId: number; found?: EventWithPakn },
): Promise<NotifyOutcome | "not_applicable"> {
  const found = input.found ?? (await findEventWithPakn(deps.db, input.eventId));
  if (!found) return "missing";
  const { event, item } = found;
  const plan = alertPlan(deps.chats, event, item);
  if (!plan) return "not_applicable";
  const { alert, audience, target, agencyId } = plan;
  const delivery = { ledger: "notifications" as const, key: event.id, audience };
  const claim = await claimDelivery(deps.db, delivery, OFFICER_CLAIM_LEASE_MS);
  // Another sender in hand: this job waits and looks again.
  if (claim === "busy") throw new SendLater(OFFICER_CLAIM_LEASE_MS / 6);
  if (claim !== "claimed") return claim;
  const chat = target.chat;
  // No chat configured for anybody: recorded as unreachable, not retried.
  if (!chat) return sendClaimed(deps.db, delivery, async () => false);
  const text = composeOfficerAlert({
    alert,
    code: item.code,
    kind: item.kind,
    content: item.content,
    status: event.toStatus,
    agencyName: agencyId ? (deps.agencies?.get(agencyId)?.name ?? agencyId) : null,
    answerDueAt: item.answerDueAt,
    forAgencyWithoutChat: target.fallback,
    reason: alert === "transferred" ? event.note : null,
  });
  return sendClaimed(deps.db, delivery, () =>
    deps.push(deps.channel ?? "telegram", chat, [{ text, buttons: [] }]),
  );
}
