import { describe, expect, it } from "vitest";
import { foldTokens } from "../../../knowledge/normalize.js";
import { namesOrganisation } from "../../../knowledge/search/audience.js";
import { bundledKnowledgeBase } from "../../helpers/knowledge.js";

describe("who the procedure is for", () => {
  const kb = bundledKnowledgeBase();
  const first = (q: string) => kb.search(q)[0]?.procedure.code;

  it("offers a citizen the land certificate for households, not the one for organisations", () => {
    expect(first("làm sổ hồng lần đầu")).toBe("1.013978");
    expect(first("xin cap so do lan dau cho manh dat ong ba de lai")).toBe("1.013978");
  });

  it("offers an organisation's procedure when the message names a company", () => {
    expect(first("công ty đang sử dụng đất muốn cấp giấy chứng nhận lần đầu")).toBe("1.012753");
  });

  it("does not read 'hỏi' or 'trường hợp' as an organisation once folded", () => {
    expect(namesOrganisation(foldTokens("cho em hỏi trường hợp này"))).toBe(false);
    expect(namesOrganisation(foldTokens("cong ty tnhh mot thanh vien"))).toBe(true);
  });
});
