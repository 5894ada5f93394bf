import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { claimDeliveryRow } from "../../db/notification-claims.js";
import { writeTold } from "../../db/told-batch.js";
import { createPakn, paknHistory } from "../../feedback/pakn-repo.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { confirmedPakn } from "../helpers/pakn.js";
import { TEST_NOW } from "../helpers/test-clock.js";

describe.each(DRIVERS)("told notifications written together on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(async () => {
    await dispose();
  });

  const claimedNotification = async (i: number) => {
    const { row } = await createPakn(database.db, confirmedPakn(`told-${i}`, { channelUser: `told-${i}` }));
    const [event] = await paknHistory(database.db, row.id);
    const claim = await claimDeliveryRow(
      database.db,
      { ledger: "notifications", key: event?.id ?? 0, audience: "citizen" },
      60_000,
    );
    if (typeof claim !== "number") throw new Error(`not claimed: ${claim}`);
    return claim;
  };

  it("records each one's own route and time, whether told alone or with many others", async () => {
    const ids = [];
    for (let i = 0; i < 25; i++) ids.push(await claimedNotification(i));
    const at = (i: number) => new Date(TEST_NOW.getTime() + i * 1_000);
    const route = (i: number) => (i % 3 === 0 ? "zns" : "telegram");
    // The first alone, the others in one burst (as a busy notify worker tells them).
    await writeTold(database.db, { notificationId: ids[0] as number, route: route(0), at: at(0) });
    await Promise.all(
      ids
        .slice(1)
        .map((id, k) => writeTold(database.db, { notificationId: id, route: route(k + 1), at: at(k + 1) })),
    );
    const rows = rowsOf<{ id: number | string; status: string; route: string; told_at: string | Date }>(
      await database.db.execute(
        sql`SELECT id, status, route, told_at FROM notifications WHERE id = ANY(${`{${ids.join(",")}}`}::bigint[])`,
      ),
    );
    expect(rows).toHaveLength(25);
    for (const row of rows) {
      const i = ids.indexOf(Number(row.id));
      expect(row.status).toBe("sent");
      expect(row.route).toBe(route(i));
      expect(new Date(row.told_at).toISOString()).toBe(at(i).toISOString());
    }
  });
});
