import { describe, expect, it } from "vitest";
import { composeAnswer, createAnswerCache } from "../../../knowledge/compose/index.js";
import { bundledKnowledgeBase } from "../../helpers/knowledge.js";

describe("composed answers cache", () => {
  const kb = bundledKnowledgeBase();
  const procedure = kb.get("1.001193");
  if (!procedure) throw new Error("bundled procedure missing");

  it("gives exactly what composing gives, for each set and order of asked parts", () => {
    const cached = createAnswerCache();
    for (const fields of [[], ["fee"], ["fee", "time"], ["time", "fee"]] as const) {
      for (const full of [false, true]) {
        expect(cached(procedure, fields, { full })).toEqual(composeAnswer(procedure, fields, { full }));
        expect(cached(procedure, fields, { full })).toEqual(composeAnswer(procedure, fields, { full }));
      }
    }
  });

  it("hands out copies, so a caller changing its reply cannot change the next citizen's", () => {
    const cached = createAnswerCache();
    const first = cached(procedure, ["documents"]);
    (first[0] as { text: string }).text = "changed";
    first[0]?.buttons.push({ label: "x", payload: "y" });
    expect(cached(procedure, ["documents"])).toEqual(composeAnswer(procedure, ["documents"]));
  });
});
