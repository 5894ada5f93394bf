import { notifyOfficers, type OfficerAlertDeps } from "./notify-agency.js";
import { type NotifyCitizenDeps, type NotifyOutcome, notifyCitizen } from "./notify-citizen.js";
import type { EventWithPakn } from "./pakn-repo.js";

/** What telling of an event needs: the citizen's routes, and officers' chats when configured. */
export interface NotifyEventDeps extends NotifyCitizenDeps {
  /** Officers' chats for new assignments and triage; unset: citizens only. */
  officers?: OfficerAlertDeps;
}

/**
 * Tells everyone a PAKN event concerns, each once: the citizen first, then the officers it needs
 * (an assignment, a triage, a supplement), once the citizen's send is settled. `found` and
 * `claimed` spare the read and the claim when the caller has them (see `notifyCitizen`).
 */
export async function notifyEvent(
  deps: NotifyEventDeps,
  input: { eventId: number; found?: EventWithPakn; claimed?: number },
): Promise<NotifyOutcome> {
  const citizen = await notifyCitizen(deps, input);
  if (deps.officers && citizen !== "missing" && citizen !== "busy")
    await notifyOfficers(deps.officers, input);
  return citizen;
}
