import { and, eq } from "drizzle-orm";
import { claimDelivery, sendClaimed } from "../db/notification-claims.js";
import { pakn, paknReminders } from "../db/schema.js";
import { composeOfficerAlert, type OfficerAlertKind } from "./compose-officer-alert.js";
import type { ReminderPoint } from "./deadlines.js";
import { AWAITING_ANSWER, type PaknStatus } from "./lifecycle.js";
import { agencyChat, OFFICER_CLAIM_LEASE_MS, type OfficerAlertDeps } from "./notify-agency.js";
import { SendLater } from "./send-later.js";

/** What one audience of a reminder got. */
export type ReminderOutcome = "sent" | "already_sent" | "unreachable";

/** What sending one reminder did, per audience; or why nothing was sent. */
export type SendReminderResult = Record<string, ReminderOutcome> | "missing" | "closed";

/** Who hears of each reminder point: the agency always, the coordinator too once it is overdue. */
export function reminderAudiences(point: ReminderPoint): ("agency" | "coordinator")[] {
  return point === "overdue" ? ["agency", "coordinator"] : ["agency"];
}

/**
 * Sends a deadline reminder the scan raised: at 50%, 80% and on the due day the assigned agency's
 * officers are told (the coordinator when no agency is assigned yet or it has no chat); when
 * overdue, the coordinator too (escalation). One delivery row per reminder and audience makes each
 * once-only; a PAKN answered meanwhile gets no reminder ("closed").
 */
export async function sendReminder(
  deps: OfficerAlertDeps,
  input: { paknId: number; point: ReminderPoint },
): Promise<SendReminderResult> {
  const [found] = await deps.db
    .select({ item: pakn, reminder: paknReminders })
    .from(paknReminders)
    .innerJoin(pakn, eq(pakn.id, paknReminders.paknId))
    .where(and(eq(paknReminders.paknId, input.paknId), eq(paknReminders.point, input.point)));
  if (!found) return "missing";
  const { item, reminder } = found;
  if (!AWAITING_ANSWER.includes(item.status as PaknStatus)) return "closed";
  const result: Record<string, ReminderOutcome> = {};
  for (const audience of reminderAudiences(input.point)) {
    const target =
      audience === "agency"
        ? agencyChat(deps.chats, item.agencyId)
        : { chat: deps.chats.coordinator, fallback: false };
    // Overdue, agency without a chat: the coordinator's escalation says it all, once.
    if (audience === "agency" && target.fallback && input.point === "overdue") continue;
    const alert: OfficerAlertKind = audience === "coordinator" ? "escalation" : input.point;
    result[audience] = await deliver(deps, reminder.id, audience, target.chat, () =>
      composeOfficerAlert({
        alert,
        code: item.code,
        kind: item.kind,
        content: item.content,
        status: item.status,
        agencyName: item.agencyId ? (deps.agencies?.get(item.agencyId)?.name ?? item.agencyId) : null,
        answerDueAt: item.answerDueAt,
        forAgencyWithoutChat: audience === "agency" && target.fallback && Boolean(item.agencyId),
      }),
    );
  }
  return result;
}

/**
 * Sends one audience's message unless its delivery row says it went out already: the row is
 * claimed ('sending', `sent_at` = claim time) before the push, so two deliveries of the same job
 * never both send; another sender in hand postpones this one (SendLater), a dead one's claim
 * expires after OFFICER_CLAIM_LEASE_MS, a failed push gives the claim back.
 */
async function deliver(
  deps: OfficerAlertDeps,
  reminderId: number,
  audience: string,
  chat: string | undefined,
  text: () => string,
): Promise<ReminderOutcome> {
  const delivery = { ledger: "reminders" as const, key: reminderId, audience };
  const claim = await claimDelivery(deps.db, delivery, OFFICER_CLAIM_LEASE_MS);
  // Another sender in hand: this job waits and looks again.
  if (claim === "busy") throw new SendLater(OFFICER_CLAIM_LEASE_MS / 6);
  if (claim !== "claimed") return claim;
  return sendClaimed(deps.db, delivery, async () =>
    chat ? deps.push(deps.channel ?? "telegram", chat, [{ text: text(), buttons: [] }]) : false,
  );
}
