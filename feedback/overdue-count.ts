import { and, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { pakn } from "../db/schema.js";
import { AWAITING_ANSWER } from "./lifecycle.js";
import { statusIn } from "./status-sql.js";

/** How many PAKN of one agency (null: not yet assigned) are past their answer date. */
export interface OverdueCount {
  agencyId: string | null;
  count: number;
}

/**
 * Counts PAKN still waiting for their answer whose answer date has passed, per agency, in one
 * grouped query on the (status, answer_due_at) index: what operators watch and alert on.
 */
export async function countOverdueByAgency(deps: { db: Db }, input: { now: Date }): Promise<OverdueCount[]> {
  const rows = await deps.db
    .select({ agencyId: pakn.agencyId, count: sql<number | string>`count(*)` })
    .from(pakn)
    .where(and(statusIn(pakn.status, AWAITING_ANSWER), lt(pakn.answerDueAt, input.now)))
    .groupBy(pakn.agencyId);
  return rows.map((r) => ({ agencyId: r.agencyId, count: Number(r.count) }));
}
