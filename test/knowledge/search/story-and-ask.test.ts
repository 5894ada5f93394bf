import { describe, expect, it } from "vitest";
import { bundledAskCues } from "../../../knowledge/search/ask-cues.js";
import { findAsks } from "../../../knowledge/search/ask-finder.js";
import { splitClauses } from "../../../knowledge/search/clauses.js";
import { isFiller } from "../../../knowledge/search/query.js";
import { bundledKnowledgeBase } from "../../helpers/knowledge.js";

const split = (text: string) => {
  const { tokens, clauses } = splitClauses({ cues: bundledAskCues() }, text);
  return clauses.map((c) => tokens.slice(c.start, c.end).join(" "));
};

/** What a story tells as done, and the words that only phrase a request, do not pick the procedure. */
describe("a long message's story and its phrasing", () => {
  const kb = bundledKnowledgeBase();
  const top = (text: string) => kb.search(text, 1)[0]?.procedure.code;

  it("reads the family member a paper is for as who, not as a topic ('cụ' is not 'công cụ')", () => {
    expect(kb.decide("làm khai tử cho cụ nhà em cần gì").action).toBe("answer");
    expect(top("làm khai tử cho cụ nhà em cần gì")).toBe("1.000656");
    expect(top("đăng ký công cụ hỗ trợ")).toBe("3.000390");
  });

  it("reads a shop as the household business, and what the message does with it as the procedure", () => {
    expect(top("quán cà phê của tôi muốn nghỉ 3 tháng rồi mở lại")).toBe("1.001570");
    expect(top("quan pho nha em muon dong cua han")).toBe("1.001266");
    expect(top("em định mở một tiệm tóc nhỏ ở quê thì cần làm giấy tờ gì")).toBe("1.001612");
  });

  it("reads an ask to redo an unnamed paper as about what the story opened with", () => {
    const text =
      "Hôm qua tôi làm mất giấy phép lái xe ô tô lúc đi ăn giỗ ở quê, tìm cả buổi không thấy, chắc rơi lúc mua mấy bao phân bón. Giờ làm lại mất bao lâu?";
    expect(kb.decide(text).hits[0]?.procedure.name).toBe("Cấp lại giấy phép lái xe");
  });

  it("keeps 'nhận tiền' (to receive money) inside its clause", () => {
    expect(split("như vậy em có được nhận tiền trợ cấp không")).toEqual([
      "nhu vay em co duoc nhan tien tro cap khong",
    ]);
  });

  it("answers the benefit asked about, not procedures named after 'nộp hồ sơ'", () => {
    expect(
      top(
        "Tôi làm ở xưởng gỗ 5 năm, tháng trước vợ tôi sinh con thứ hai. Như vậy tôi có được nhận tiền thai sản không, nộp hồ sơ ở đâu?",
      ),
    ).toBe("2.000693");
  });

  it("reads what the story says is already done as story, however short", () => {
    expect(
      top(
        "Anh chị cho em hỏi, em vừa đăng ký kết hôn tháng trước, giờ muốn nhập hộ khẩu về nhà vợ thì cần gì?",
      ),
    ).toBe("1.004222");
    expect(
      top(
        "con tôi đã làm giấy khai sinh từ lâu nhưng chưa có tên bố, nay bố cháu muốn nhận con thì làm thủ tục gì",
      ),
    ).toBe("1.001022");
  });

  it("names a land transfer 'sang tên sổ đỏ' after the notarised contract", () => {
    expect(
      top(
        "Chúng tôi đã công chứng hợp đồng tặng cho đất xong rồi. Giờ sang tên sổ đỏ cho con thì nộp ở đâu?",
      ),
    ).toBe("1.013831");
  });

  it("takes an agency named as the place to go for a place, not for the topic", () => {
    expect(
      top(
        "em sắp đi xuất khẩu lao động, đây là lần đầu làm hộ chiếu. Làm online hay phải lên phòng xuất nhập cảnh, bao lâu thì có?",
      ),
    ).toMatch(/^1\.001456$|^1\.001471$/);
  });

  it("reads a monthly survivor's allowance as the allowance, not as any monthly benefit", () => {
    expect(
      top(
        "Ông ngoại tôi là cựu chiến binh về hưu, vừa mất tuần trước. Bà ngoại có được nhận tiền tuất hàng tháng không?",
      ),
    ).toBe("2.000821");
  });

  it("reads 'nơi cư trú' after a procedure as where it is done, not as the residence procedures", () => {
    expect(
      top("bà tôi mất ở nhà con gái, làm khai tử ở nơi không phải nơi cư trú của bà có được không"),
    ).toBe("1.000656");
  });
});

describe("facts that fold onto ask cues", () => {
  it("does not take 'có căn nhà' (has a house) for the ask cue 'có cần'", () => {
    const cues = bundledAskCues();
    const { tokens, clauses } = splitClauses(
      { cues },
      "Tôi có căn nhà ở quê cho thuê. Giờ muốn làm sổ đỏ lần đầu thì cần giấy tờ gì?",
    );
    const reading = findAsks({ cues }, { tokens, clauses, topical: tokens.map((t) => !isFiller(t)) });
    expect(reading.asks.map((s) => tokens.slice(s.start, s.end).join(" "))).toEqual([
      "gio muon lam so do lan dau",
      "thi can giay to gi",
    ]);
  });
});
