import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { createPakn, transitionPakn } from "../../feedback/pakn-repo.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { confirmedPakn } from "../helpers/pakn.js";

describe.each(DRIVERS)("the pipeline's prepared statements on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(async () => {
    await dispose();
  });

  const storeAndRoute = async (id: string) => {
    const { row } = await createPakn(database.db, confirmedPakn(id, { channelUser: id }));
    const moved = await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system:router",
      set: { agencyId: "ubnd-xa" },
      notifyInHand: true,
    });
    return { row, moved };
  };

  it("keep working for a process that prepared them before a migration added a column", async () => {
    // Several rounds, so that every pooled connection has prepared both statements.
    for (let i = 0; i < 8; i++) await storeAndRoute(`before-${i}`);
    await database.exec("ALTER TABLE pakn ADD COLUMN later_column text");
    for (let i = 0; i < 8; i++) {
      const { row, moved } = await storeAndRoute(`after-${i}`);
      expect(moved.row).toMatchObject({ id: row.id, status: "assigned", agencyId: "ubnd-xa" });
      expect(moved.event.toStatus).toBe("assigned");
      expect(moved.claimed).toBeGreaterThan(0);
    }
  });
});
