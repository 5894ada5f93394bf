import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { procedureChanges } from "../../db/schema.js";
import {
  changedFields,
  lastImportChanges,
  procedureRecordInfo,
  recentProcedureChanges,
  recordImportRun,
  upsertProcedures,
  upsertProceduresWithChanges,
} from "../../knowledge/procedure-repo.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { makeChannel, makeProcedure } from "../helpers/procedures.js";

describe.each(DRIVERS)("what a re-import changed, on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(() => dispose());

  const a = makeProcedure({ code: "2.000001", name: "Đăng ký khai sinh", decision: "QĐ/0001-BTP" });
  const b = makeProcedure({ code: "2.000002", name: "Đăng ký khai tử", decision: "QĐ/0002-BTP" });
  const c = makeProcedure({ code: "2.000003", name: "Đăng ký kết hôn" });

  const importFile = async (source: string, list = [a, b, c]) => {
    const { summary, changes } = await upsertProceduresWithChanges(database.db, list);
    const id = await recordImportRun(
      database.db,
      { source, format: "motcua", skipped: 0, ...summary },
      changes,
    );
    return { id, summary, changes };
  };

  it("lists every procedure of a first import as added", async () => {
    const first = await importFile("lan-1.jsonl");
    expect(first.summary).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect(first.changes).toEqual([
      { code: "2.000001", change: "added", fields: [] },
      { code: "2.000002", change: "added", fields: [] },
      { code: "2.000003", change: "added", fields: [] },
    ]);
    const last = await lastImportChanges(database.db);
    expect(last?.run).toMatchObject({ id: first.id, source: "lan-1.jsonl", inserted: 3 });
    expect(last?.total).toBe(3);
  });

  it("lists exactly the procedure whose fee changed, with the field holding the fee, tied to its run", async () => {
    const dearer = { ...b, channels: [makeChannel({ fee: "Lệ phí : 8.000 Đồng" })] };
    const again = await importFile("lan-2.jsonl", [a, dearer, c]);
    expect(again.summary).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
    expect(again.changes).toEqual([{ code: "2.000002", change: "changed", fields: ["channels"] }]);
    const rows = await database.db.select().from(procedureChanges).orderBy(asc(procedureChanges.id));
    expect(rows.filter((r) => r.importRunId === again.id)).toEqual([
      expect.objectContaining({ procedureCode: "2.000002", change: "changed", fields: ["channels"] }),
    ]);
    const last = await lastImportChanges(database.db);
    expect(last?.run.id).toBe(again.id);
    expect(last?.changes.map((ch) => [ch.procedureCode, ch.fields])).toEqual([["2.000002", ["channels"]]]);
    const recent = await recentProcedureChanges(database.db, ["2.000002", "2.000001", "9.999999"]);
    expect(recent.get("2.000002")?.map((ch) => ch.change)).toEqual(["changed", "added"]);
    expect(recent.get("2.000002")?.[0]?.source).toBe("lan-2.jsonl");
    expect(recent.get("2.000001")?.map((ch) => ch.change)).toEqual(["added"]);
    expect(recent.has("9.999999")).toBe(false);
  });

  it("records nothing for an unchanged re-import, and several fields when several change", async () => {
    const same = await importFile("lan-3.jsonl", [
      a,
      { ...b, channels: [makeChannel({ fee: "Lệ phí : 8.000 Đồng" })] },
      c,
    ]);
    expect(same.changes).toEqual([]);
    expect((await lastImportChanges(database.db))?.total).toBe(0);
    const renamed = { ...c, name: "Thủ tục đăng ký kết hôn", decision: "QĐ/0009-BTP", documents: [] };
    const next = await importFile("lan-4.jsonl", [renamed]);
    expect(next.changes).toEqual([
      { code: "2.000003", change: "changed", fields: ["name", "documents", "decision"] },
    ]);
  });

  it("keeps the upsert's summary for its other callers, and reads the decision and dates back", async () => {
    expect(await upsertProcedures(database.db, [a])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const info = await procedureRecordInfo(database.db, ["2.000001", "2.000003", "nope"]);
    expect(info.get("2.000001")?.decision).toBe("QĐ/0001-BTP");
    expect(info.get("2.000003")?.decision).toBe("QĐ/0009-BTP");
    expect(info.get("2.000001")?.updatedAt).toBeInstanceOf(Date);
    expect(info.has("nope")).toBe(false);
  });
});

describe("changedFields", () => {
  it("names the top-level fields whose JSON differs, a field missing from the older record included", () => {
    const before = { code: "1", name: "A", channels: [{ fee: "1" }], aliases: [] };
    const after = { code: "1", name: "A", channels: [{ fee: "2" }], aliases: [], decision: "" };
    expect(changedFields(before, after)).toEqual(["channels", "decision"]);
    expect(changedFields(after, after)).toEqual([]);
  });
});
