import type { Db } from "../db/client.js";
import { type EventWithPakn, findPaknById, transitionPakn } from "../db/pakn-repo.js";
import type { Router } from "./routing/router.js";

/** What routing one PAKN did; a move carries its event and the PAKN after it (what telling of it needs). */
export type RouteOutcome =
  | { kind: "assigned"; agency: string; confidence: number; moved: EventWithPakn }
  | { kind: "triage"; confidence: number; moved: EventWithPakn }
  | { kind: "skipped"; status: string }
  | { kind: "missing" };

/**
 * Routes a newly received PAKN: a confident routing assigns it to the agency, a doubtful one
 * marks it classified and waiting for the coordinator's triage. Already routed PAKN are left
 * alone, so a job run twice (a retry, a rebuilt queue) routes once. With `notifyInHand` the caller
 * tells of the move itself (see `TransitionInput.notifyInHand`).
 */
export async function routePakn(
  deps: { db: Db; router: Router; notifyInHand?: boolean },
  input: { paknId: number },
): Promise<RouteOutcome> {
  const row = await findPaknById(deps.db, input.paknId);
  if (!row) return { kind: "missing" };
  if (row.status !== "received") return { kind: "skipped", status: row.status };
  const routing = deps.router.classify({ text: row.content, procedureCode: row.procedureCode });
  const data = { source: routing.source, confidence: routing.confidence, candidates: routing.candidates };
  if (routing.triage || !routing.agency) {
    const moved = await transitionPakn(deps.db, {
      paknId: row.id,
      to: "classified",
      actor: "system:router",
      note: "Chờ điều phối viên phân công cơ quan xử lý",
      data: { ...data, triage: true },
      set: { field: routing.field },
      notifyInHand: deps.notifyInHand,
    });
    return { kind: "triage", confidence: routing.confidence, moved: { event: moved.event, item: moved.row } };
  }
  const moved = await transitionPakn(deps.db, {
    paknId: row.id,
    to: "assigned",
    actor: "system:router",
    data,
    set: { agencyId: routing.agency, field: routing.field },
    notifyInHand: deps.notifyInHand,
  });
  return {
    kind: "assigned",
    agency: routing.agency,
    confidence: routing.confidence,
    moved: { event: moved.event, item: moved.row },
  };
}
