import { describe, expect, it } from "vitest";
import { detectFieldsInTokens } from "../../knowledge/fields-detect.js";
import { normalizeTokens } from "../../knowledge/normalize.js";
import { parseFieldCues } from "../../knowledge/search/field-cues.js";

const detect = (text: string, cues?: string) =>
  detectFieldsInTokens(normalizeTokens(text), cues === undefined ? undefined : parseFieldCues(cues)).fields;

describe("field cues file", () => {
  it("reads phrases with diacritics and chat spellings alike", () => {
    const cues = "# comment\nfee\tbao nhiêu tiền\nplace\tở đâu\n";
    expect(detect("bao nhieu tien vay", cues)).toEqual(["fee"]);
    expect(detect("làm ở đâu", cues)).toEqual(["place"]);
    expect(detect("mất bao lâu", cues)).toEqual([]);
  });

  it("leaves the words inside a cue's gap to the topic ('có [làm tạm trú] được không')", () => {
    const tokens = normalizeTokens("vậy thì em có làm tạm trú được không ạ");
    const { fields, aspectTokens } = detectFieldsInTokens(tokens);
    expect(fields).toEqual(["conditions"]);
    const at = (word: string) => aspectTokens[tokens.indexOf(word)];
    expect(at("tam")).toBe(false);
    expect(at("tru")).toBe(false);
    expect(at("co")).toBe(true);
    expect(at("duoc")).toBe(true);
  });

  it("drops a phrase right after or before a listed word, named sets included", () => {
    const cues = "set\t@units\tngày, tuần\nfee\tbao nhiêu\t\t@units\nfee\tphí\thọc\n";
    expect(detect("bao nhiêu ngày", cues)).toEqual([]);
    expect(detect("hết bao nhiêu", cues)).toEqual(["fee"]);
    expect(detect("học phí", cues)).toEqual([]);
  });

  it("reads amounts and a gap of a few words", () => {
    expect(detect("hết 200k hả")).toEqual(["fee"]);
    expect(detect("tầm 300 nghìn đúng không")).toEqual(["fee"]);
    expect(detect("có làm cho người già được không")).toEqual(["conditions"]);
  });

  it("reads 'nộp hồ sơ ở đâu' as a place question only", () => {
    expect(detect("nộp hồ sơ ở đâu")).toEqual(["place"]);
  });

  it("reads 'pháp lý' as the legal basis only in 'cơ sở pháp lý'", () => {
    expect(detect("cần giấy tờ pháp lý gì")).toEqual(["documents"]);
    expect(detect("cơ sở pháp lý của thủ tục này")).toEqual(["legal_basis"]);
  });
});
