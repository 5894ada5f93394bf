import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDevConversations, readDevQuestions } from "../../../scripts/bench/dev-sets.js";

const file = (lines: unknown[]) => {
  const path = join(mkdtempSync(join(tmpdir(), "dev-sets-")), "set.jsonl");
  writeFileSync(path, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
  return path;
};

describe("readDevQuestions", () => {
  it("scores the relabelled file against its expect_ids (our codes)", () => {
    const [q] = readDevQuestions(
      file([
        {
          id: "h4-002",
          q: "khai tu cho ong noi thi bao lau",
          behavior: "answer",
          expect_ids: ["1.000656"],
          fields: ["time"],
          unaccented: true,
          relabel: "kept",
        },
      ]),
    );
    expect(q).toEqual({
      id: "h4-002",
      q: "khai tu cho ong noi thi bao lau",
      behavior: "answer",
      gold: ["1.000656"],
      fields: ["time"],
      unaccented: true,
    });
  });

  it("scores the original file against ids_in_corpus, not the other corpus's expect_ids", () => {
    const [q] = readDevQuestions(
      file([
        {
          id: "h4-001",
          q: "Giấy xác nhận khuyết tật",
          behavior: "answer",
          expect_ids: ["1.001653"],
          ids_in_corpus: [],
          fields: ["documents"],
        },
      ]),
    );
    expect(q?.gold).toEqual([]);
    expect(q?.unaccented).toBe(false);
  });
});

describe("readDevConversations", () => {
  it("keeps each turn's expect_ids, behaviour and fields", () => {
    const [c] = readDevConversations(
      file([
        {
          id: "h4c-01",
          turns: [
            {
              q: "đăng ký khai sinh",
              behavior: "answer",
              expect_ids: ["1.001193"],
              fields: [],
              relabel: "kept",
            },
            { q: "thế có mất phí không", behavior: "answer", expect_ids: ["1.001193"], fields: ["fee"] },
          ],
        },
      ]),
    );
    expect(c?.turns).toEqual([
      { q: "đăng ký khai sinh", behavior: "answer", expect_ids: ["1.001193"], fields: [] },
      { q: "thế có mất phí không", behavior: "answer", expect_ids: ["1.001193"], fields: ["fee"] },
    ]);
  });
});
