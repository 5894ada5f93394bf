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

  it("with --explain, shows under each result the terms and factors its score is made of", async () => {
    const input = `${[
      JSON.stringify({ id: "a", q: "đăng ký kết hôn cần giấy tờ gì" }),
      JSON.stringify({ id: "b", q: "dang ky khai sinh cho con" }),
      "not json",
    ].join("\n")}\n`;
    const args = ["--kb", BUNDLED_PROCEDURES_FILE, "--jsonl"];
    const [plain, explained] = await Promise.all([
      runScript("kb-search.ts", args, { input }),
      runScript("kb-search.ts", [...args, "--explain"], { input }),
    ]);

    expect(explained.code).toBe(0);
    type Line = {
      results?: Array<{
        code: string;
        score: number;
        explain?: {
          score: number;
          raw: number;
          terms: Array<{ feature: string; where?: string; contribution: number }>;
          factors: Array<{ feature: string; factor: number }>;
        };
      }>;
      ms?: number;
    };
    const parse = (out: string) =>
      out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Line);
    const withWhy = parse(explained.stdout);
    const without = parse(plain.stdout);
    expect(withWhy).toHaveLength(3);
    const first = withWhy[0]?.results?.[0];
    expect(first?.code).toBe("1.000894");
    expect(first?.explain?.score).toBe(first?.score);
    expect(first?.explain?.terms.some((t) => t.feature.startsWith("ket hon") && t.where === "name")).toBe(
      true,
    );
    for (const line of withWhy)
      for (const r of line.results ?? []) {
        expect(r.explain).toBeDefined();
        const factors = (r.explain?.factors ?? []).reduce((p, f) => p * f.factor, 1);
        expect(Math.abs((r.explain?.raw ?? 0) * factors - r.score)).toBeLessThan(0.01 * r.score + 0.01);
      }
    // Without --explain the lines are the same, byte for byte, apart from the timing.
    const strip = (l: Line) => ({
      ...l,
      ms: 0,
      results: l.results?.map(({ explain: _, ...r }) => r),
    });
    expect(JSON.stringify(withWhy.map(strip))).toBe(JSON.stringify(without.map((l) => ({ ...l, ms: 0 }))));
    expect(plain.stdout).not.toContain("explain");
  }, 60_000);

  it("adds an optional alsoAsked list for a second ask and elsewhere for a question handled elsewhere", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kb-search-"));
    const file = join(dir, "procedures.jsonl");
    const wanted = new Set(["1.001193", "1.000656", "1.000894"]);
    const procedures = readProceduresFile(BUNDLED_PROCEDURES_FILE).procedures.filter((p) =>
      wanted.has(p.code),
    );
    writeFileSync(file, `${procedures.map((p) => JSON.stringify(p)).join("\n")}\n`);
    const input = [
      JSON.stringify({ id: "one", q: "dang ky khai sinh can giay to gi" }),
      JSON.stringify({ id: "divorce", q: "thủ tục ly hôn thuận tình nộp ở đâu" }),
      JSON.stringify({
        id: "two",
        q: "Em sắp cưới, đăng ký kết hôn cần giấy tờ gì ạ? Với lại bố em mới mất, làm khai tử ở đâu?",
      }),
    ].join("\n");
    const { code, stdout } = await runScript("kb-search.ts", ["--kb", file, "--jsonl"], {
      input: `${input}\n`,
    });
    expect(code).toBe(0);
    const [one, divorce, two] = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(one).not.toHaveProperty("alsoAsked");
    expect(one).not.toHaveProperty("elsewhere");
    // An out-of-scope question says where it is handled instead.
    expect(divorce?.action).toBe("out_of_scope");
    expect(divorce?.elsewhere).toMatch(/Tòa án/);
    expect(((two?.results ?? []) as Array<{ code: string }>)[0]?.code).toBe("1.000894");
    expect(two?.alsoAsked).toEqual([expect.objectContaining({ code: "1.000656" })]);
  }, 60_000);

  it("takes a plain typed line as the question without --jsonl, and answers a wrong flag with the usage", async () => {
    const plain = await runScript("kb-search.ts", ["--kb", BUNDLED_PROCEDURES_FILE], {
      input: "dang ky ket hon can giay to gi\n",
    });
    expect(plain.code).toBe(0);
    const [line] = plain.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({ action: "answer" });
    expect(((line?.results ?? []) as Array<{ code: string }>)[0]?.code).toBe("1.000894");

    const wrong = await runScript("kb-search.ts", ["--jsonI", "a question"], { input: "" });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/usage: npm run --silent kb:search/);
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
    const help = await runScript("kb-search.ts", ["--help"], { input: "" });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/usage: npm run --silent kb:search/);
  }, 60_000);
});
