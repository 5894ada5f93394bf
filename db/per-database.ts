import type { Db } from "./client.js";

/**
 * Builds something once per database handle (a prepared statement, say) and hands the same one
 * back afterwards: hot queries skip rebuilding their SQL on every call.
 */
export function perDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) {
      value = build(db);
      built.set(db, value);
    }
    return value;
  };
}
