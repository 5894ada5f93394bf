import { describe, expect, it } from "vitest";
import { devPart } from "../../../scripts/bench/dev-split.js";

describe("devPart", () => {
  it("puts an id in TUNE when sha1(id) starts with 0-7 and in HELD when it starts with 8-f", () => {
    // sha1 prefixes: h4-001 279d…, h4-003 2ed7…, "1" 356a…, "3" 77de… | h4-002 e363…, h4c-01 c6a9…, abc a999…, "2" da4b…
    for (const id of ["h4-001", "h4-003", "1", "3"]) expect(devPart(id)).toBe("tune");
    for (const id of ["h4-002", "h4c-01", "abc", "2"]) expect(devPart(id)).toBe("held");
  });

  it("depends on the id only, not on the order or the file the item comes from", () => {
    const ids = Array.from({ length: 400 }, (_, i) => `q-${i}`);
    const once = ids.map(devPart);
    expect([...ids].reverse().map(devPart).reverse()).toEqual(once);
    const tune = once.filter((p) => p === "tune").length;
    expect(tune).toBeGreaterThan(150);
    expect(tune).toBeLessThan(250);
  });
});
