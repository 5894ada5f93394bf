import type { Db } from "../db/client.js";
import { type EventWithPakn, findRoutingInput, transitionPakn } from "./pakn-repo.js";
import type { Router } from "./routing/router.js";

/**
 * The event of a routing move and the PAKN after it (what telling of it needs), with the citizen's
 * notification when it was claimed for the caller (`notifyInHand`).
 */
export type RoutingMove = EventWithPakn & { claimed?: number };

/** What routing one PAKN did. */
export type RouteOutcome =
  | { kind: "assigned"; agency: string; confidence: number; moved: RoutingMove }
  | { kind: "triage"; confidence: number; moved: RoutingMove }
  | { kind: "skipped"; status: string }
  | { kind: "missing" };

const moveOf = (moved: Awaited<ReturnType<typeof transitionPakn>>): RoutingMove => ({
  event: moved.event,
  item: moved.row,
  ...(moved.claimed ? { claimed: moved.claimed } : {}),
});

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
  const row = await findRoutingInput(deps.db, input.paknId);
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
    return { kind: "triage", confidence: routing.confidence, moved: moveOf(moved) };
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
    moved: moveOf(moved),
  };
}
