import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import { readProceduresFile } from "../../knowledge/importers/read-procedures-file.js";
import { runScript } from "../helpers/run-script.js";

const jsonl = (dir: string, name: string, rows: unknown[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
  return path;
};

describe("bench:search", () => {
  it("reports the TUNE and HELD parts side by side, ours beside the baselines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-search-"));
    const wanted = new Set(["1.001193", "1.000656", "1.000894"]);
    const procedures = jsonl(
      dir,
      "procedures.jsonl",
      readProceduresFile(BUNDLED_PROCEDURES_FILE).procedures.filter((p) => wanted.has(p.code)),
    );
    const answer = (id: string, q: string, code: string, unaccented = false) => ({
      id,
      q,
      behavior: "answer",
      expect_ids: [code],
      fields: ["documents"],
      unaccented,
    });
    // sha1 prefixes: q-1 43, q-3 71, q-4 41 (TUNE); q-5 92, q-6 dd (HELD).
    const questions = jsonl(dir, "questions.jsonl", [
      answer("q-1", "đăng ký khai sinh cho con cần gì", "1.001193"),
      answer("q-3", "dang ky ket hon can giay to gi", "1.000894", true),
      { id: "q-4", q: "hôm nay trời có mưa không", behavior: "out_of_scope", expect_ids: [], fields: [] },
      answer("q-5", "khai tử cho ông nội cần giấy tờ gì", "1.000656"),
      { id: "q-6", q: "giá vàng hôm nay", behavior: "out_of_scope", expect_ids: [], fields: [] },
    ]);
    // sha1 prefixes: c-5 65 (TUNE), c-1 e7 (HELD).
    const turn = (q: string, code: string, fields: string[]) => ({
      q,
      behavior: "answer",
      expect_ids: [code],
      fields,
    });
    const conversations = jsonl(dir, "conversations.jsonl", [
      {
        id: "c-5",
        turns: [turn("đăng ký kết hôn", "1.000894", []), turn("có mất phí không", "1.000894", ["fee"])],
      },
      { id: "c-1", turns: [turn("đăng ký khai sinh", "1.001193", [])] },
    ]);

    // sha1 prefixes: cz-1 2f, cz-2 09 (TUNE); cz-4 de (HELD).
    const citizen = jsonl(dir, "citizen.jsonl", [
      answer(
        "cz-1",
        "Vợ em vừa sinh bé ở bệnh viện được một tuần, giờ muốn làm giấy khai sinh cho bé thì cần mang gì ạ?",
        "1.001193",
      ),
      {
        id: "cz-2",
        q: "công ty cắt giảm, em muốn lãnh trợ cấp thất nghiệp",
        behavior: "out_of_scope",
        expect_ids: [],
      },
      answer(
        "cz-4",
        "ong noi em mat hom qua o nha, gia dinh di lam khai tu thi can giay gi",
        "1.000656",
        true,
      ),
    ]);
    const { code, stdout, stderr } = await runScript("bench-search.ts", [
      "--procedures",
      procedures,
      "--questions",
      questions,
      "--conversations",
      conversations,
      "--citizen",
      citizen,
    ]);

    expect(code).toBe(0);
    type Scores = { n: number; top1: number; unaccented: { n: number; top1: number } };
    type Part = {
      questions: number;
      ranking: Record<string, Scores>;
      behaviour: { confusion: Record<string, number> };
      conversations: { n: number; turns: number; accuracy: number };
    };
    const report = JSON.parse(stdout) as {
      tune: Part;
      held: Part;
      citizen: Record<"tune" | "held", Omit<Part, "conversations">>;
      performance: { rssMbWithIndex: number };
    };
    expect(report.tune.questions).toBe(3);
    expect(report.held.questions).toBe(2);
    expect(Object.keys(report.tune.ranking)).toEqual(["ours", "bm25", "minisearch", "fuse"]);
    expect(report.tune.ranking.ours as Scores).toMatchObject({ n: 2, top1: 1 });
    expect((report.tune.ranking.ours as Scores).unaccented).toMatchObject({ n: 1, top1: 1 });
    expect(report.held.ranking.bm25).toMatchObject({ n: 1 });
    expect(report.tune.behaviour.confusion["out_of_scope->out_of_scope"]).toBe(1);
    expect(report.tune.conversations).toMatchObject({ n: 1, turns: 2 });
    expect(report.held.conversations).toMatchObject({ n: 1, turns: 1, accuracy: 1 });
    expect(report.citizen.tune.questions).toBe(2);
    expect(report.citizen.tune.ranking.ours as Scores).toMatchObject({ n: 1, top1: 1 });
    expect(report.citizen.held.ranking.ours as Scores).toMatchObject({ n: 1, top1: 1 });
    expect(stderr).toContain("citizen ours top-1");
    expect(report.performance.rssMbWithIndex).toBeGreaterThan(0);
  }, 120_000);
});
