import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { PaknStatus } from "./lifecycle.js";

/**
 * The statuses as one PostgreSQL `text[]` parameter: a statement's text stays the same whatever
 * the set holds, so named statements keep one name.
 */
function statusArray(statuses: readonly PaknStatus[]): SQL {
  return sql`${`{${statuses.join(",")}}`}::text[]`;
}

/**
 * `value = ANY(statuses)`: the SQL test of a status column (or value) against one of the
 * lifecycle's sets, so SQL never lists statuses by hand.
 */
export function statusIn(value: SQLWrapper, statuses: readonly PaknStatus[]): SQL {
  return sql`${value} = ANY(${statusArray(statuses)})`;
}

/** `value <> ALL(statuses)`: the SQL test that a (non-null) status is in none of a lifecycle set's states. */
export function statusNotIn(value: SQLWrapper, statuses: readonly PaknStatus[]): SQL {
  return sql`${value} <> ALL(${statusArray(statuses)})`;
}
