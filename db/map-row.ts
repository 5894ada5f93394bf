import { getTableColumns, type InferSelectModel, type Table } from "drizzle-orm";

/**
 * Turns a row a raw SQL statement returned (snake_case column names, driver values) into the
 * table's typed row, the way Drizzle's own selects do; for hand-written statements that return
 * whole rows in one round trip. `prefix` picks columns returned under a prefix (`e_id` …).
 */
export function mapRow<T extends Table>(
  table: T,
  raw: Record<string, unknown>,
  prefix = "",
): InferSelectModel<T> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[prefix + column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as InferSelectModel<T>;
}
