import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { readBundledAsset, saveAssetOverride } from "../../../feedback/data-files/asset-overrides.js";
import { loadDataFilesInForce } from "../../../feedback/data-files/data-files-in-force.js";
import { normalizeTokens } from "../../../knowledge/normalize.js";
import { createTestDatabase } from "../../helpers/databases.js";
import { createTestOfficer } from "../../helpers/officers.js";

describe("the data files a process starts with", () => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pglite"));
  });
  afterAll(() => dispose());

  it("are the bundled ones until an admin saves a version, then that version", async () => {
    const bundled = await loadDataFilesInForce(database.db);
    expect(bundled.agencies.get("so-du-lich")).toBeUndefined();
    expect(bundled.routingRules.size).toBeGreaterThan(10);
    expect(bundled.calendar.isWorkingDay("2026-09-02")).toBe(false);

    const { officer } = await createTestOfficer(database.db, { role: "admin" });
    const agencies = `${readBundledAsset("agencies.tsv").trimEnd()}\nso-du-lich\tSở Du lịch\tdu lịch\ttinh\n`;
    const rules = `${readBundledAsset("routing-rules.tsv").trimEnd()}\nhomestay ven biển\tso-du-lich\tDu lịch\n`;
    for (const [name, content] of [
      ["agencies.tsv", agencies],
      ["routing-rules.tsv", rules],
    ] as const)
      expect((await saveAssetOverride(database.db, { name, content, officerId: officer.id })).saved).toBe(
        true,
      );

    const edited = await loadDataFilesInForce(database.db);
    expect(edited.agencies.get("so-du-lich")?.name).toBe("Sở Du lịch");
    expect(edited.routingRules.match(normalizeTokens("homestay ven biển chặt chém khách"))[0]?.agency).toBe(
      "so-du-lich",
    );
  });
});
