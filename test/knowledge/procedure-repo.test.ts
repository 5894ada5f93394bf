import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { countProcedures, listProcedures, upsertProcedures } from "../../knowledge/procedure-repo.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { makeProcedure } from "../helpers/procedures.js";

describe.each(DRIVERS)("procedure repository on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(() => dispose());

  it("applies migrations once and is a no-op the second time", async () => {
    expect(await migrate(database)).toEqual([]);
  });

  it("inserts, then leaves unchanged records alone, then updates changed ones", async () => {
    const a = makeProcedure({ code: "1.000001", name: "Đăng ký khai sinh" });
    const b = makeProcedure({ code: "1.000002", name: "Đăng ký khai tử" });
    expect(await upsertProcedures(database.db, [a, b])).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await upsertProcedures(database.db, [a, b])).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const changed = { ...b, name: "Đăng ký khai tử (sửa)" };
    expect(await upsertProcedures(database.db, [a, changed])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    expect(await countProcedures(database.db)).toBe(2);
    const all = await listProcedures(database.db);
    expect(all.map((p) => p.name)).toEqual(["Đăng ký khai sinh", "Đăng ký khai tử (sửa)"]);
    expect(all[0]).toEqual(a);
  });

  it("writes nothing when one record of an import fails", async () => {
    const before = await countProcedures(database.db);
    const bad = makeProcedure({ code: "1.000003", name: null as unknown as string });
    await expect(upsertProcedures(database.db, [makeProcedure({ code: "1.000004" }), bad])).rejects.toThrow();
    expect(await countProcedures(database.db)).toBe(before);
  });
});
