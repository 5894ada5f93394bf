import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import { countProcedures } from "../../knowledge/procedure-repo.js";
import { createTestDatabase } from "../helpers/databases.js";
import { runScript } from "../helpers/run-script.js";

describe("kb:import and kb:export against PostgreSQL", () => {
  let database: Database;
  let url: string;
  let dispose: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), "motcua-import-"));

  beforeAll(async () => {
    const created = await createTestDatabase("pg");
    database = created.database;
    url = created.url as string;
    dispose = created.dispose;
  });
  afterAll(async () => {
    await dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const importFile = (file: string, ...args: string[]) =>
    runScript("kb-import.ts", [file, "--json", ...args], { env: { DATABASE_URL: url } });

  it("imports the 2,642 portal procedures, and a re-import changes nothing", async () => {
    const first = await importFile(BUNDLED_PROCEDURES_FILE);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ read: 2642, inserted: 2642, skipped: 0 });
    const again = await importFile(BUNDLED_PROCEDURES_FILE);
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2642 });
    expect(await countProcedures(database.db)).toBe(2642);
    const search = await runScript("kb-search.ts", ["--jsonl"], {
      env: { DATABASE_URL: url },
      input: `${JSON.stringify({ id: "a", q: "lệ phí đăng ký kết hôn" })}\n`,
    });
    expect(JSON.parse(search.stdout)).toMatchObject({ id: "a", action: "answer", fields: ["fee"] });
  }, 120_000);

  it("exports canonical JSON that imports back unchanged, reporting broken lines by number", async () => {
    const file = join(dir, "kb.jsonl");
    const exported = await runScript("kb-export.ts", [file], { env: { DATABASE_URL: url } });
    expect(exported.code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text.split("\n").filter(Boolean)).toHaveLength(2642);
    writeFileSync(file, `${text}not json at all\n`);
    const back = await importFile(file, "--format", "motcua");
    expect(back.code).toBe(0);
    const report = JSON.parse(back.stdout);
    expect(report).toMatchObject({ read: 2642, unchanged: 2642, skipped: 1 });
    expect(report.problems[0]).toMatchObject({ line: 2643 });
  }, 120_000);

  it("refuses a file that is not JSON lines and writes nothing", async () => {
    const file = join(dir, "list.csv");
    writeFileSync(file, "ma,ten\n1.0001,Khai sinh\n");
    const before = await countProcedures(database.db);
    const res = await importFile(file);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/line 1: not valid JSON/);
    expect(res.stderr).toMatch(/nothing was imported/);
    expect(await countProcedures(database.db)).toBe(before);
  });
});
