import { describe, expect, it } from "vitest";
import { PostingList } from "../../../feedback/public/posting-list.js";

describe("posting lists of the public search index", () => {
  it("answers membership and lists documents in order, as a sorted list and after turning into a bitset", () => {
    const rare = new PostingList();
    const common = new PostingList();
    const universe = 100_000;
    for (let o = 0; o < universe; o++) {
      if (o % 997 === 0) rare.add(o, o + 1);
      if (o % 3 === 0) common.add(o, o + 1);
    }
    expect(rare.size).toBe(Math.ceil(universe / 997));
    expect(common.size).toBe(Math.ceil(universe / 3));
    for (const o of [0, 3, 997, 99_999, 99_998, 31, 32, 33]) {
      expect(rare.has(o)).toBe(o % 997 === 0);
      expect(common.has(o)).toBe(o % 3 === 0);
    }
    const seen: number[] = [];
    common.forEach((o) => {
      seen.push(o);
    });
    expect(seen).toHaveLength(common.size);
    expect(seen.every((o, i) => o === i * 3)).toBe(true);
    common.add(99_999, universe);
    expect(common.size).toBe(Math.ceil(universe / 3));
  });
});
