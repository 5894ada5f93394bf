import { afterEach, describe, expect, it } from "vitest";
import { createKnowledgeBase } from "../../../knowledge/knowledge-base.js";
import { RANK_PARAMS } from "../../../knowledge/search-index.js";
import { fitWeights, foldOf, gridFor } from "../../../scripts/bench/fit-weights.js";
import type { DevQuestion } from "../../../scripts/bench/metrics.js";
import { makeProcedure } from "../../helpers/procedures.js";

const saved = { ...RANK_PARAMS };
afterEach(() => {
  Object.assign(RANK_PARAMS, saved);
});

const question = (id: string, q: string, gold: string): DevQuestion => ({
  id,
  q,
  behavior: "answer",
  gold: [gold],
  fields: [],
  unaccented: false,
});

describe("fitting the ranking weights", () => {
  it("tries shares within 0..1 and counts as whole numbers", () => {
    for (const v of gridFor("nameCoverageFloor", 0.8)) expect(v).toBeLessThanOrEqual(1);
    for (const v of gridFor("rerank", 40)) expect(Number.isInteger(v)).toBe(true);
    expect(gridFor("auxBody", 0)).not.toContain(0);
  });

  it("splits the fitting questions into two halves of similar size, the same on every run", () => {
    const ids = Array.from({ length: 400 }, (_, i) => `q${i}`);
    const first = ids.filter((id) => foldOf(id) === 0).length;
    expect(first).toBeGreaterThan(160);
    expect(first).toBeLessThan(240);
    expect(ids.map(foldOf)).toEqual(ids.map(foldOf));
  });

  it("changes nothing when the questions are already answered right, and measures both parts", () => {
    const procedures = [
      makeProcedure({ code: "1.1", name: "Thủ tục đăng ký khai sinh" }),
      makeProcedure({ code: "1.2", name: "Thủ tục đăng ký kết hôn" }),
      makeProcedure({ code: "1.3", name: "Cấp giấy phép xây dựng nhà ở" }),
    ];
    const fit = fitWeights(
      procedures,
      {
        tune: [
          question("t1", "đăng ký khai sinh cho con", "1.1"),
          question("t2", "làm giấy phép xây nhà", "1.3"),
        ],
        held: [question("h1", "thủ tục đăng ký kết hôn", "1.2")],
      },
      (p) => createKnowledgeBase(p, { synonymsText: "" }),
    );
    expect(fit.changes).toEqual([]);
    expect(fit.after.rank).toEqual(fit.before.rank);
    expect(fit.before.tune.top1).toBe(1);
    expect(fit.after.held.top1).toBe(1);
  });
});
