import { describe, expect, it } from "vitest";
import { normalizeTokens } from "../../knowledge/normalize.js";
import {
  bundledSituationCues,
  compileSituationCues,
  parseSituationCues,
  situationsOfMessage,
  statedAges,
} from "../../knowledge/situations.js";

const said = (text: string) => [...situationsOfMessage(bundledSituationCues(), normalizeTokens(text))].sort();

describe("situations a message describes", () => {
  it("reads a stated age in years, months or the short form", () => {
    expect(statedAges(normalizeTokens("bé nhà em 10 tuổi")).map((a) => a.years)).toEqual([10]);
    expect(statedAges(normalizeTokens("cháu mới 18 tháng tuổi")).map((a) => a.years)).toEqual([2]);
    expect(statedAges(normalizeTokens("con 15t rồi")).map((a) => a.years)).toEqual([15]);
    expect(statedAges(normalizeTokens("nghỉ 3 tháng rồi mở lại"))).toEqual([]);
  });

  it("tells a child, a young child and a person of 14 or more apart by age", () => {
    expect(said("con mình 5 tuổi")).toEqual(["child", "young-child"]);
    expect(said("bé nhà em 10 tuổi")).toEqual(["child"]);
    expect(said("mẹ em 60 tuổi")).toEqual(["adult"]);
  });

  it("reads a foreigner, a lost paper and a death", () => {
    expect(said("nếu chồng sắp cưới là người Hàn Quốc thì sao")).toEqual(["foreign"]);
    expect(said("em lỡ làm mất bằng lái rồi")).toEqual(["lost"]);
    expect(said("ba mình mất rồi")).toEqual(["deceased"]);
  });

  it("reads a country the way people say it in speech", () => {
    expect(said("bé sinh bên Nhật về")).toContain("foreign");
    expect(said("chong em dang lam viec ben han")).toContain("foreign");
  });

  it("does not read a loss as a death: the loss claims the word first", () => {
    expect(said("em làm mất rồi")).toEqual(["lost"]);
  });

  it("reads nothing in a plain aspect question", () => {
    expect(said("phí bao nhiêu")).toEqual([]);
    expect(said("nộp ở đâu, mất bao lâu")).toEqual([]);
  });

  it("rejects a malformed row and compiles age cues", () => {
    expect(() => parseSituationCues("child\tsometimes\tbé")).toThrow();
    const cues = compileSituationCues(
      parseSituationCues("# c\nold\tsays\t@age>=60\nold\tnames\tngười cao tuổi\n"),
    );
    expect(situationsOfMessage(cues, normalizeTokens("bà em 70 tuổi"))).toEqual(new Set(["old"]));
    expect(situationsOfMessage(cues, normalizeTokens("bà em 50 tuổi"))).toEqual(new Set());
  });
});
