import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { runScript } from "../helpers/run-script.js";

describe("kb:search --kb FILE --jsonl", () => {
  it("writes exactly one JSON line per input line, errors included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kb-search-"));
    const file = join(dir, "procedures.jsonl");
    const wanted = new Set(["1.001193", "1.000656", "1.000894"]);
    const procedures = readProceduresFile(BUNDLED_PROCEDURES_FILE).procedures.filter((p) =>
      wanted.has(p.code),
    );
    writeFileSync(file, `${procedures.map((p) => JSON.stringify(p)).join("\n")}\n`);
    const input = [
      JSON.stringify({ id: "q1", q: "dang ky khai sinh can giay to gi" }),
      "this is not json",
      JSON.stringify({ id: "q3" }),
      JSON.stringify({ id: "q4", q: "hôm nay trời có mưa không" }),
      JSON.stringify({ id: "q5", q: "🙏" }),
    ].join("\n");

    const { code, stdout } = await runScript("kb-search.ts", ["--kb", file, "--jsonl"], {
      input: `${input}\n`,
    });

    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ id: "q1", action: "answer", fields: ["documents"] });
    const results = (lines[0]?.results ?? []) as Array<{ code: string }>;
    expect(results[0]?.code).toBe("1.001193");
    expect(typeof lines[0]?.ms).toBe("number");
    expect(lines[1]?.error).toBeTruthy();
    expect(lines[2]).toMatchObject({ id: "q3" });
    expect(lines[2]?.error).toBeTruthy();
    expect(lines[3]).toMatchObject({ id: "q4", action: "out_of_scope" });
    expect(lines[4]).toMatchObject({ id: "q5", action: "out_of_scope" });
  }, 60_000);
});
