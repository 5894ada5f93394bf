import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { exportCanonical } from "../../../knowledge/importers/canonical.js";
import { readProceduresFile } from "../../../knowledge/importers/read-procedures-file.js";
import { readProceduresFileAsync } from "../../../knowledge/importers/read-procedures-stream.js";
import { PORTAL_FILE } from "./portal-records.js";

const dir = mkdtempSync(join(tmpdir(), "motcua-import-"));
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const portalLines = readFileSync(PORTAL_FILE, "utf8").split("\n").filter(Boolean);

describe("readProceduresFile on broken input", () => {
  const good = portalLines[0] ?? "";
  const canonical = exportCanonical(readProceduresFile(write("one.jsonl", `${good}\n`)).procedures).trim();

  it("skips and reports each broken line with its number and a precise message", () => {
    const lines = [
      good,
      "{not json",
      "[1,2,3]",
      '"a string"',
      JSON.stringify({ ma_thu_tuc: "1.2", linh_vuc: "x" }),
      JSON.stringify({ code: "X1", name: "" }),
      "",
      canonical.replace('"popularity":', '"popularity":"high","x":'),
    ];
    const { procedures, problems } = readProceduresFile(write("broken.jsonl", lines.join("\n")));
    expect(procedures.map((p) => p.code)).toEqual(["1.000178"]);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 8]);
    expect(problems[0]?.message).toMatch(/^not valid JSON/);
    expect(problems[1]?.message).toBe("expected a JSON object, got an array");
    expect(problems[2]?.message).toBe("expected a JSON object, got string");
    expect(problems[3]?.message).toBe('dichvucong record without "ten_thu_tuc"');
    expect(problems[4]?.message).toMatch(/^invalid motcua record X1: name: /);
    expect(problems[5]?.message).toMatch(/invalid motcua record 1\.000178: popularity: /);
  });

  it("reports invalid UTF-8 and keeps the valid lines", () => {
    const bad = Buffer.concat([
      Buffer.from(`${good}\n`),
      Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a]),
    ]);
    const { procedures, problems } = readProceduresFile(write("bad-utf8.jsonl", bad));
    expect(procedures).toHaveLength(1);
    expect(problems).toEqual([{ line: 2, message: "invalid UTF-8 byte sequence" }]);
  });

  it("turns a CSV or a binary file into problems, not a crash", () => {
    const csv = readProceduresFile(write("list.csv", "code,name\n1.1,Thủ tục\n"));
    expect(csv.procedures).toEqual([]);
    expect(csv.problems).toHaveLength(2);
    expect(csv.problems[0]?.message).toMatch(/^not valid JSON/);
    const bin = readProceduresFile(write("blob.bin", Buffer.from([0, 1, 2, 255, 254, 10, 0, 0])));
    expect(bin.procedures).toEqual([]);
    expect(bin.problems[0]?.message).toMatch(/binary data/);
    const gz = readProceduresFile(write("broken.jsonl.gz", Buffer.from([0x1f, 0x8b, 1, 2, 3])));
    expect(gz.problems[0]?.message).toMatch(/^corrupt gzip data/);
    const missing = readProceduresFile(join(dir, "nope.jsonl"));
    expect(missing.problems[0]?.message).toMatch(/^cannot read file/);
  });

  it("lists at most 200 problems and counts the rest", () => {
    const { problems } = readProceduresFile(write("many.jsonl", "x\n".repeat(500)));
    expect(problems).toHaveLength(201);
    expect(problems[200]?.message).toBe("300 more problems not listed");
  });

  it("keeps the later of two records with the same code and says so", () => {
    const { procedures, problems } = readProceduresFile(write("dup.jsonl", `${good}\n${good}\n`));
    expect(procedures).toHaveLength(1);
    expect(problems).toEqual([
      { line: 2, message: "duplicate code 1.000178 (also on line 1); this later record is kept" },
    ]);
  });
});

describe("whole-file import of the portal scrape", () => {
  const first = readProceduresFile(PORTAL_FILE);

  it("imports all 2,642 records without problems, with popularity applied", () => {
    expect(first.problems).toEqual([]);
    expect(first.procedures).toHaveLength(2642);
    expect(first.procedures.filter((p) => p.popularity > 0).length).toBeGreaterThan(900);
  });

  const same = (a: unknown, b: unknown) => expect(JSON.stringify(a) === JSON.stringify(b)).toBe(true);

  it("is idempotent, and gzip and the async stream give the same procedures", async () => {
    same(readProceduresFile(PORTAL_FILE), first);
    const gz = write("portal.jsonl.gz", gzipSync(readFileSync(PORTAL_FILE)));
    same(readProceduresFile(gz), first);
    const progress: number[][] = [];
    const streamed = await readProceduresFileAsync(gz, { onProgress: (l, b, t) => progress.push([l, b, t]) });
    same(streamed, first);
    const last = progress.at(-1) ?? [];
    expect(last[0]).toBe(2642);
    expect(last[1]).toBe(last[2]);
    expect(progress.length).toBeGreaterThan(3);
  });

  it("round-trips losslessly through the canonical format", () => {
    const text = exportCanonical(first.procedures);
    expect(text.split("\n").filter(Boolean)).toHaveLength(2642);
    const back = readProceduresFile(write("canonical.jsonl", text));
    expect(back.problems).toEqual([]);
    same(back.procedures, first.procedures);
    expect(exportCanonical(back.procedures)).toBe(text);
    const forced = readProceduresFile(write("canonical-2.jsonl", text), "motcua");
    same(forced.procedures, first.procedures);
  });

  it("writes keys in schema order whatever order the object had", () => {
    const p = first.procedures[0];
    if (!p) throw new Error("no procedure");
    const shuffled = Object.fromEntries(Object.entries(p).reverse()) as typeof p;
    expect(exportCanonical([shuffled])).toBe(exportCanonical([p]));
    expect(exportCanonical([p]).startsWith('{"code":"1.000178","name":')).toBe(true);
  });
});
