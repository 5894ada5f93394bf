import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { PAKN_STATUSES } from "../../feedback/lifecycle.js";
import { alertsOfficers, alertsOfficersSql } from "../../feedback/notify-agency.js";
import { createTestDatabase } from "../helpers/databases.js";

describe("alertsOfficersSql", () => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pglite"));
  });
  afterAll(() => dispose());

  it("selects in SQL exactly the events the officer alerts are sent for", async () => {
    const datas = [
      null,
      { triage: true },
      { supplement: true },
      { toAgency: "so-tu-phap" },
      { triage: false },
    ];
    const events = PAKN_STATUSES.flatMap((toStatus) => datas.map((data) => ({ toStatus, data })));
    const values = sql.join(
      events.map(
        (e, i) => sql`(${i}, ${e.toStatus}, ${e.data === null ? null : JSON.stringify(e.data)}::jsonb)`,
      ),
      sql`, `,
    );
    const rows = rowsOf<{ i: number }>(
      await database.db.execute(
        sql`SELECT i FROM (VALUES ${values}) AS ev(i, to_status, data) WHERE ${alertsOfficersSql("ev")}`,
      ),
    );
    const inSql = rows.map((r) => Number(r.i)).sort((a, b) => a - b);
    const inCode = events.flatMap((e, i) => (alertsOfficers(e) ? [i] : []));
    expect(inCode.length).toBeGreaterThan(0);
    expect(inSql).toEqual(inCode);
  });
});
